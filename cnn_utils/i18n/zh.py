"""Simplified Chinese for every English template passed to `cnn_utils.i18n.tr` (same placeholders; terms as in the
glossary, docs/glossary.zh-CN.md)."""

MESSAGES = {
}
