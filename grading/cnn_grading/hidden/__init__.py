"""Hidden tests: one module per notebook, one function per grade cell, named as its grade_id."""
