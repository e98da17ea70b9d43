"""Simplified Chinese for the templates of the hidden tests (cnn_grading.hidden), registered with
`cnn_utils.i18n.register("zh", MESSAGES)` when cnn_grading.hidden is imported. The hidden tests reach students only
through their feedback, so their templates and translations stay in the instructor's package. A template the course's
own catalog (cnn_utils/i18n/zh.py) already translates is not repeated here; tests/test_i18n.py checks both.
"""

MESSAGES = {
    "X of shape {shape}, n_C1 {n_C1}, n_C2 {n_C2}, {n_classes} classes":
        "X的形状为{shape}，n_C1 {n_C1}，n_C2 {n_C2}，{n_classes}个类别",
    "a hidden test case: float32 scores, 9 examples, 10 classes":
        "隐藏测试用例：float32的scores，9个样本，10个类别",
    "a hidden test case: 2 images 8x6, n_C1 2, n_C2 2, 3 classes":
        "隐藏测试用例：2张8x6图像，n_C1 2，n_C2 2，3个类别",
    "a hidden test case: 3 parameters, 4 steps, learning_rate 0.01":
        "隐藏测试用例：3个参数，4步，learning_rate 0.01",
    "a hidden test case: learning_rate 0.05, beta1 0.8, beta2 0.99, epsilon 1e-4":
        "隐藏测试用例：learning_rate 0.05，beta1 0.8，beta2 0.99，epsilon 1e-4",
    "the model on a hidden batch of 4 images":
        "在由4张图像组成的隐藏批量上的模型",
    "13 images 8x8, mini_batch_size 5, 3 epochs, learning_rate 0.01, seed 7":
        "13张8x8图像，mini_batch_size 5，3个迭代周期，learning_rate 0.01，seed 7",
    "{label}, a hidden test case,":
        "{label}，隐藏测试用例，",
    "a hidden test case: {m} examples, {K} classes, scores near {shift:g}":
        "隐藏测试用例：{m}个样本，{K}个类别，scores在{shift:g}附近",
    "grads on a hidden test case ({label})":
        "隐藏测试用例上的grads（{label}）",
    "the parameters train returned ({label})":
        "train返回的参数（{label}）",
    "after 200 steps on the same 64 images the training accuracy should be 100%, but it is {accuracy:.1%}.":
        "在同样的64张图像上训练200步之后，训练精度应为100%，但实际为{accuracy:.1%}。",
    "a hidden test case: {m} images, batch_size {batch_size}":
        "隐藏测试用例：{m}张图像，batch_size {batch_size}",
    "(a hidden test case: {name} {shape}, f {f}, stride {stride}, pad {pad})":
        "（隐藏测试用例：{name} {shape}，f {f}，stride {stride}，pad {pad}）",
    "(a hidden test case: MaxPool2D(f={f}, stride={stride}), x {shape})":
        "（隐藏测试用例：MaxPool2D(f={f}, stride={stride})，x {shape}）",
    "(a hidden test case: MaxPool2D(f={f}, stride={stride}), x {shape} with tied maxima)":
        "（隐藏测试用例：MaxPool2D(f={f}, stride={stride})，x {shape}，有并列的最大值）",
    "(a hidden test case: Conv2D({n_C_prev}, {n_C}, f={f}, stride={stride}, pad={pad}), x {x_shape})":
        "（隐藏测试用例：Conv2D({n_C_prev}, {n_C}, f={f}, stride={stride}, pad={pad})，x {x_shape}）",
    ("{name} fails the adjoint identity <im2col(x), y> = <x, col2im(y)> {label}: the left side is "
     "{left:.10g}, the right side {right:.10g}."):
        "{name}不满足伴随恒等式<im2col(x), y> = <x, col2im(y)>{label}：左边为{left:.10g}，右边为{right:.10g}。",
    "(a hidden test case: x {shape})":
        "（隐藏测试用例：x {shape}）",
    "(a hidden test case: x (3, 6, 5, 1))":
        "（隐藏测试用例：x (3, 6, 5, 1)）",
    "(a hidden test case: x (4, 3))":
        "（隐藏测试用例：x (4, 3)）",
    "(a hidden test case: one ReLU)":
        "（隐藏测试用例：一个ReLU）",
    "(a hidden test case: Conv2D, ReLU and two Dense layers, lr 0.03, momentum 0.8)":
        "（隐藏测试用例：Conv2D、ReLU和两个Dense层，lr 0.03，momentum 0.8）",
    "(a hidden test case: a second optimizer, lr 0.2, momentum 0)":
        "（隐藏测试用例：第二个优化器，lr 0.2，momentum 0）",
    "(a hidden test case: A_prev {shape}, W {W_shape}, pad {pad})":
        "（隐藏测试用例：A_prev {shape}，W {W_shape}，pad {pad}）",
    "(a hidden test case: Dense({n_in}, {n_out}), x {x_shape})":
        "（隐藏测试用例：Dense({n_in}, {n_out})，x {x_shape}）",
    "(a hidden test case: {m} examples, {K} classes, scores around {offset:g} with spread {scale:g})":
        "（隐藏测试用例：{m}个样本，{K}个类别，scores在{offset:g}附近，分布宽度{scale:g}）",
    "X of shape {shape}, pad {pad}":
        "X的形状为{shape}，pad {pad}",
    "window and filter of shape {shape}":
        "窗口和卷积核的形状为{shape}",
    "x of shape (3, 2) with only negative values":
        "形状为(3, 2)的x，值全为负",
    "x of shape (2, 2), all entries equal":
        "形状为(2, 2)的x，所有元素相等",
    'A_prev of shape (1, 4, 4, 2) with only negative values, f 2, stride 2, mode "max"':
        'A_prev的形状为(1, 4, 4, 2)，值全为负，f 2，stride 2，模式"max"',
    "x of shape {shape}":
        "形状为{shape}的x",
    "x of shape {shape} with a tied maximum":
        "形状为{shape}的x，有并列的最大值",
    "a NumPy float dz, shape (2, 3)":
        "NumPy浮点数dz，形状为(2, 3)",
    "a float dz, shape (3, 2)":
        "浮点数dz，形状为(3, 2)",
    "an int dz, shape (1, 1)":
        "整数dz，形状为(1, 1)",
    "a NumPy float dz, shape (4, 4)":
        "NumPy浮点数dz，形状为(4, 4)",
    "an int dz, shape (3, 3)":
        "整数dz，形状为(3, 3)",
    "distribute_value's result ({label})":
        "distribute_value的结果（{label}）",
    "a NumPy array":
        "一个NumPy数组",
    "A_prev of shape (2, 4, 6, 2) with tied maxima, f 2, stride 2":
        "A_prev的形状为(2, 4, 6, 2)，有并列的最大值，f 2，stride 2",
    'hidden test case: A_prev of shape {shape}, f {f}, stride {stride}, mode "{mode}"':
        '隐藏测试用例：A_prev的形状为{shape}，f {f}，stride {stride}，模式"{mode}"',
    "A_prev of shape {shape}, f {f}, stride {stride}":
        "A_prev的形状为{shape}，f {f}，stride {stride}",
    'A_prev of shape {shape}, f {f}, stride {stride}, mode "{mode}"':
        'A_prev的形状为{shape}，f {f}，stride {stride}，模式"{mode}"',
    "{name} is not right.":
        "{name}不对。",
    'A_prev {shape} with tied maxima, f {f}, stride {stride}, mode "{mode}"':
        'A_prev {shape}，有并列的最大值，f {f}，stride {stride}，模式"{mode}"',
    ("In this notebook the layers compute with im2col, col2im and matrix products, and backward computes its "
     "gradients from what forward cached; centred differences of a forward pass (a numeric gradient) only check a "
     "gradient: they cost one forward pass per input value."):
        ("在本笔记本中，各层用im2col、col2im和矩阵乘法计算，反向传播根据前向传播缓存的值计算梯度；"
         "前向传播的中心差分（数值梯度）只用来检验梯度：它对每个输入值都要做一次前向传播。"),
}
