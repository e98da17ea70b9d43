"""Simplified Chinese for every English template passed to `cnn_utils.i18n.tr` (same placeholders; terms as in the
glossary, docs/glossary.zh-CN.md). Keys are the English templates exactly as they are in the code; tests/test_i18n.py
checks that each one is used, that every template has its entry, and that the placeholders match.

Order: the checks (core, then each notebook's), gradcheck, data, params, layers, plots, the grader's verdicts
(runner/verdict, runner/execute) and the students' self-check (runner/validate).
"""

MESSAGES = {
    ("with stride 1 your result was right, so look at the stride: the window of output position (h, w) starts "
     "at row h * stride and column w * stride."):
        "步幅为1时你的结果是对的，所以请检查步幅：输出位置(h, w)的窗口从第h * stride行、第w * stride列开始。",
    ("the square cases were right, so look at what differs here: a height (5) different from the width (7), f "
     "= 3 and pad 1. h runs over rows (A_prev.shape[1]), w over columns (A_prev.shape[2]), and f, pad and "
     "stride must come from W and hparameters, never be fixed."):
        ("正方形的情形都对了，所以请看这里有什么不同：高（5）与宽（7）不等，f = 3，pad 1。"
         "h遍历行（A_prev.shape[1]），w遍历列（A_prev.shape[2]）；f、pad和stride必须取自W和hparameters，不能写死。"),
    ("the cases with {earlier} were right, so look at pad 0: a slice pad:-pad is empty when pad is 0 (-0 is "
     "0, so A[:, 0:-0] is A[:, 0:0]). Pad with zero_pad, and cut the padding off with pad:pad + n_H_prev and "
     "pad:pad + n_W_prev, which work for every pad."):
        ("{earlier}的情形都对了，所以请检查pad 0：pad为0时切片pad:-pad是空的（-0就是0，所以A[:, 0:-0]就是A[:, "
         "0:0]）。请用zero_pad做填充，并用pad:pad + n_H_prev和pad:pad + n_W_prev去掉填充，它们对任何pad都成立。"),
    ("cut every window out of the padded input (A_prev_pad, not A_prev), and take every size from the arrays "
     "and from hparameters: pad can be 0 (then A[:, pad:-pad] is empty: use zero_pad, or pad:pad + n), f can "
     "be 1, images need not be square, and n_H = (n_H_prev - f + 2 * pad) // stride + 1 rounds down so that "
     "every window fits inside the padded input."):
        ("每个窗口都要从填充后的输入（A_prev_pad，而不是A_prev）中切出，所有尺寸都要取自数组和hparameters："
         "pad可以是0（此时A[:, pad:-pad]是空的：请用zero_pad，或pad:pad + n），f可以是1，图像不一定是正方形，"
         "而且n_H = (n_H_prev - f + 2 * pad) // stride + 1向下取整，保证每个窗口都落在填充后的输入之内。"),
    "on a hidden test case (A_prev {shape_A}, W {shape_W}, stride {stride}, pad {pad})":
        "在隐藏测试用例上（A_prev {shape_A}，W {shape_W}，stride {stride}，pad {pad}）",
    "every value is the same: each output must be computed from its own window.":
        "所有值都一样：每个输出都必须由它自己的窗口算出。",
    "your function":
        "你的函数",
    ("conv_forward: mean(Z) = {mean!r} for pad 2 / stride 1; the shapes, every value of Z and the cache are "
     "right in all four cases (stride 1 and 2, pad 2, 1 and 0, square and non-square)."):
        ("conv_forward：pad 2 / stride 1时mean(Z) = {mean!r}；四种情形（stride 1和2，pad 2、1和0，"
         "正方形和非正方形）下形状、Z的每个值和cache都正确。"),
    ("conv_backward: mean(dA_prev) = {dA_prev!r}, mean(dW) = {dW!r}, mean(db) = {db!r} for pad 2 and stride "
     "2; every value of dA_prev, dW and db is right for stride 1 and 2, pad 2 and pad 0."):
        ("conv_backward：pad 2、stride 2时mean(dA_prev) = {dA_prev!r}，mean(dW) = {dW!r}，mean(db) = {db!r}；"
         "stride 1和2、pad 2和pad 0时dA_prev、dW和db的每个值都正确。"),
    ("each dZ[i, h, w, c] adds W[:, :, :, c] * dZ[i, h, w, c] to the window of dA_prev_pad it came from (rows "
     "h * stride to h * stride + f, and the same for the columns); then cut the padding off."):
        ("每个dZ[i, h, w, c]都要把W[:, :, :, c] * dZ[i, h, w, c]加到它所来自的dA_prev_pad窗口上（第h * "
         "stride行到第h * stride + f行，列同理）；最后去掉填充。"),
    ("each dZ[i, h, w, c] adds (its window of the padded input) * dZ[i, h, w, c] to dW[:, :, :, c], for every "
     "example and every position."):
        ("每个dZ[i, h, w, c]都要把（它在填充后输入上的窗口）* dZ[i, h, w, c]加到dW[:, :, :, c]上，对每个样本、"
         "每个位置都是如此。"),
    "db[:, :, :, c] is the sum of dZ[:, :, :, c] over all examples and positions.":
        "db[:, :, :, c]是dZ[:, :, :, c]在所有样本和位置上的和。",
    ("conv_backward: dA_prev, dW and db match the numeric gradient of the convolution (A_prev (2, 5, 5, 2), W "
     "(3, 3, 2, 3), stride 2, pad 1)."):
        ("conv_backward：dA_prev、dW和db与卷积的数值梯度一致（A_prev (2, 5, 5, 2)，W (3, 3, 2, 3)，stride 2，pad "
         "1）。"),
    "the padding is missing from n_H and n_W: n_H = (n_H_prev - f + 2 * pad) // stride + 1.":
        "n_H和n_W中漏掉了填充：n_H = (n_H_prev - f + 2 * pad) // stride + 1。",
    "did you forget the + 1 in n_H = (n_H_prev - f + 2 * pad) // stride + 1?":
        "你是不是漏掉了n_H = (n_H_prev - f + 2 * pad) // stride + 1中的+ 1？",
    "height and width are swapped: n_H comes from A_prev.shape[1], n_W from A_prev.shape[2].":
        "高和宽弄反了：n_H来自A_prev.shape[1]，n_W来自A_prev.shape[2]。",
    ("the bias was added inside the sum, to each of the f * f * n_C_prev = {products} products (a widely "
     "copied version of this exercise does this; on the first visible case it gives the mean "
     "0.15585932488906465). conv_single_step adds b once: pass it b[:, :, :, c] and add nothing yourself."):
        ("偏置被加在了求和之内，加到了f * f * n_C_prev = {products}个乘积的每一个上（这个练习流传很广的一个版本就"
         "是这样做的；在第一个可见用例上它给出的均值是0.15585932488906465）。conv_single_step只加一次b：把b[:, :, "
         ":, c]传给它，你自己不要再加。"),
    "the bias is missing: Z[i, h, w, c] includes b[..., c].":
        "漏掉了偏置：Z[i, h, w, c]包含b[..., c]。",
    " of length {len_cache}":
        "，长度为{len_cache}",
    ("cache should be the tuple (A_prev, W, b, hparameters), but it is {cache_type}{length}. conv_backward "
     "reads its inputs back from it."):
        ("cache应该是元组(A_prev, W, b, hparameters)，但它是{cache_type}{length}。"
         "conv_backward要从中读回它的输入。"),
    "cache item {item_name}":
        "cache中的{item_name}",
    "the last item of cache should be the hparameters dictionary {hparameters}, but it is {got!r}.":
        "cache的最后一项应该是hparameters字典{hparameters}，但它是{got!r}。",
    "pad 2 and pad 1":
        "pad 2和pad 1",
    "pad 2":
        "pad 2",
    "on the case {label}":
        "在用例{label}上",
    ("with pad 0, a slice pad:-pad is empty (-0 is 0, so A[:, 0:-0] is A[:, 0:0]) and nothing fits into it: "
     "pad with zero_pad, and write pad:pad + n_H_prev, pad:pad + n_W_prev where you cut the padding off. If "
     "that is not it: take every size from the arrays and from hparameters (f can be 1, images need not be "
     "square), and n_H = (n_H_prev - f + 2 * pad) // stride + 1 rounds down."):
        ("pad为0时，切片pad:-pad是空的（-0就是0，所以A[:, 0:-0]就是A[:, 0:0]），什么也放不进去："
         "请用zero_pad做填充，并在去掉填充的地方写pad:pad + n_H_prev、pad:pad + n_W_prev。如果不是这个原因："
         "所有尺寸都要取自数组和hparameters（f可以是1，图像不一定是正方形），而且n_H = (n_H_prev - f + 2 * pad) "
         "// stride + 1向下取整。"),
    "{name} raised {error_type} ({error}) {where}, which should give {shapes}. Hint: {hint}":
        "{name} {where}抛出了{error_type}（{error}），本应得到{shapes}。提示：{hint}",
    "divide by the stride: n_H = (n_H_prev - f + 2 * pad) // stride + 1.":
        "要除以步幅：n_H = (n_H_prev - f + 2 * pad) // stride + 1。",
    "round down (floor, //), not up: a window that does not fit entirely is not used.":
        "要向下取整（floor，//），而不是向上：放不下的窗口不使用。",
    "the windows start at row h and column w: multiply by the stride, vert_start = h * stride.":
        "这些窗口从第h行、第w列开始：要乘以步幅，vert_start = h * stride。",
    ("this is the shape of the padded input: cut the padding off at the end, dA_prev = dA_prev_pad[:, pad:pad "
     "+ n_H_prev, pad:pad + n_W_prev, :]."):
        ("这是填充后输入的形状：最后要去掉填充，dA_prev = dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, "
         ":]。"),
    "dW holds one filter per output channel: it has the shape of W, (f, f, n_C_prev, n_C).":
        "dW为每个输出通道保存一个卷积核：它的形状与W相同，为(f, f, n_C_prev, n_C)。",
    "db must keep the shape of b, (1, 1, 1, n_C).":
        "db必须保持b的形状(1, 1, 1, n_C)。",
    "db[..., c] sums dZ[..., c] over examples and positions: one value per channel c.":
        "db[..., c]是dZ[..., c]在所有样本和位置上的和：每个通道c一个值。",
    ("with pad 0, dA_prev_pad[:, pad:-pad, pad:-pad, :] is dA_prev_pad[:, 0:0, 0:0, :], an empty array: cut "
     "the padding off with pad:pad + n_H_prev and pad:pad + n_W_prev."):
        ("pad为0时，dA_prev_pad[:, pad:-pad, pad:-pad, :]就是dA_prev_pad[:, 0:0, 0:0, :]，一个空数组：请用pad:pad "
         "+ n_H_prev和pad:pad + n_W_prev去掉填充。"),
    ("dW only holds the last window's contribution: accumulate with dW[:, :, :, c] += ..., do not assign with "
     "=. Every window of every example adds to it."):
        ("dW只保留了最后一个窗口的贡献：请用dW[:, :, :, c] += ...累加，不要用=赋值。"
         "每个样本的每个窗口都要加到它上面。"),
    "db only holds the last dZ value: accumulate with db[:, :, :, c] += dZ[i, h, w, c], do not assign with =.":
        "db只保留了最后一个dZ值：请用db[:, :, :, c] += dZ[i, h, w, c]累加，不要用=赋值。",
    "{n} of shape {s}":
        "形状为{s}的{n}",
    ("the windows start at row h and column w: in the backward pass too they are the forward pass's windows, "
     "starting at h * stride and w * stride."):
        "这些窗口从第h行、第w列开始：反向传播中的窗口也就是前向传播的窗口，从h * stride和w * stride开始。",
    "keep the arrays you were given in the cache, not the padded input or a slice.":
        "cache中要保存你收到的数组，而不是填充后的输入或其中的切片。",
    " Hint: {hint}":
        "提示：{hint}",
    "on a hidden test case ({label})":
        "（隐藏测试用例：{label}）",
    "a value of type {value_type}":
        "一个类型为{value_type}的值",
    "a NumPy array of shape {value_shape} and dtype {value_dtype}":
        "一个形状为{value_shape}、dtype为{value_dtype}的NumPy数组",
    "{name} has the wrong shape: expected {expected_shape}, got {tuple_array_shape}.":
        "{name}的形状不对：应为{expected_shape}，实际为{tuple_array_shape}。",
    "question {number}":
        "思考题{number}",
    "{name} (gradient check)":
        "{name}（梯度检验）",
    "{name} is None. Did your function forget to `return` its result?":
        "{name}是None。你的函数是不是忘了`return`结果？",
    "{name} should be a NumPy array or a number, but it is {describe_value}.":
        "{name}应该是NumPy数组或数，但它是{describe_value}。",
    "{name} could not be read as a plain NumPy array.":
        "{name}无法读成普通的NumPy数组。",
    "{name}{where} is wrong: relative error {max_rel:.3g}.":
        "{name}{where}不对：相对误差{max_rel:.3g}。",
    "{name}{where} is wrong: expected {expected:.10g}, got {got:.10g}.":
        "{name}{where}不对：应为{expected:.10g}，实际为{got:.10g}。",
    ("{name}{where} has the right shape {shape} but {n_wrong} of its {size} values are wrong. First "
     "difference at index {first}. Largest absolute error {max_abs:.3g}, largest relative error {max_rel:.3g}."):
        ("{name}{where}的形状{shape}是对的，但它的{size}个值中有{n_wrong}个不对。第一处差异在索引{first}。"
         "最大绝对误差{max_abs:.3g}，最大相对误差{max_rel:.3g}。"),
    ("{name}{where} has the right shape {shape} but {n_wrong} of its {size} values are wrong. First "
     "difference at index {first}: expected {expected:.10g}, got {got:.10g}. Largest absolute error "
     "{max_abs:.3g}, largest relative error {max_rel:.3g}."):
        ("{name}{where}的形状{shape}是对的，但它的{size}个值中有{n_wrong}个不对。第一处差异在索引{first}："
         "应为{expected:.10g}，实际为{got:.10g}。最大绝对误差{max_abs:.3g}，最大相对误差{max_rel:.3g}。"),
    "{name} should be {expectation}, but it is {describe_got}.":
        "{name}应该是{expectation}，但它是{describe_got}。",
    "{name} should be a single number, but it is {describe_got}. Did you forget to sum over the window?":
        "{name}应该是单个数，但它是{describe_got}。你是不是忘了在窗口上求和？",
    "{name} should be a function, but it is {describe_function}. Did you overwrite it with a value?":
        "{name}应该是函数，但它是{describe_function}。你是不是用一个值覆盖了它？",
    "{function_name} should return the tuple {expected}, but it returned {described}.":
        "{function_name}应该返回元组{expected}，但它返回的是{described}。",
    "not checked yet: run its check cell":
        "还没有检查：请运行它的检查单元格",
    "passed":
        "通过",
    ("All visible checks pass. Hidden tests run on other inputs when your notebook is graded. Before "
     "submitting, save the notebook and run it from top to bottom as the grader will: Kernel > Restart Kernel "
     "and Run All Cells, or in a terminal `python -m cnn_utils.validate <your notebook>`."):
        ("所有可见检查都通过了。评分时，隐藏测试会在其他输入上运行。提交之前，请保存笔记本，"
         "并像评分程序那样从头到尾运行一遍：Kernel > Restart Kernel and Run All Cells，或者在终端中运行`python -m "
         "cnn_utils.validate <你的笔记本>`。"),
    "{name} could not be read as numbers ({error}).":
        "{name}无法读成数（{error}）。",
    ("{name} is not written yet: replace `raise NotImplementedError()` with your code, then run this cell "
     "again."):
        "{name}还没有写：把`raise NotImplementedError()`换成你的代码，然后再运行这个单元格。",
    ("{name} changed one of its input arrays in place. Work on a copy (or on new arrays): the caller still "
     "needs its inputs unchanged."):
        "{name}原地修改了它的某个输入数组。请在副本（或新数组）上操作：调用者还需要它的输入保持不变。",
    "{function_name} should return the tuple {expected}, but it returned {described} of length {length}.":
        "{function_name}应该返回元组{expected}，但它返回的是{described}，长度为{length}。",
    ("{grad_name} ({label}) has shape {analytic_shape}; a gradient has the shape of its variable, "
     "{numeric_shape}."):
        "{grad_name}（{label}）的形状是{analytic_shape}；梯度的形状与它的变量相同，应为{numeric_shape}。",
    ("{grad_name} ({label}) does not match the numeric gradient: relative error {relative_error:.2e} "
     "(tolerance {tolerance:.0e}); worst at index {worst_index}: yours {analytic:.8g}, numeric {numeric:.8g}."):
        ("{grad_name}（{label}）与数值梯度不一致：相对误差{relative_error:.2e}（容差{tolerance:.0e}）；"
         "最差处在索引{worst_index}：你的为{analytic:.8g}，数值梯度为{numeric:.8g}。"),
    "{name}{where} has the wrong shape: expected {expected_array_shape}, got {got_array_shape}.":
        "{name}{where}的形状不对：应为{expected_array_shape}，实际为{got_array_shape}。",
    "{name}'s result":
        "{name}的结果",
    "not written yet":
        "还没有写",
    "failing: {reason}":
        "未通过：{reason}",
    "raised {error_type}: {reason}":
        "抛出了{error_type}：{reason}",
    "initialize_parameters(input_shape=(12, 10, 3), n_C1=4, n_C2=6, n_classes=5, seed=1)":
        "initialize_parameters(input_shape=(12, 10, 3), n_C1=4, n_C2=6, n_classes=5, seed=1)",
    ("a shape mismatch inside a layer usually comes from a wrong pad (pad=1 keeps a 3x3 convolution's output "
     "as large as its input: 28x28 stays 28x28), a missing pooling, or a layer fed the wrong input (each "
     "layer takes the previous layer's output)."):
        ("层内部的形状不匹配通常来自错误的pad（pad=1让3x3卷积的输出与输入一样大：28x28仍是28x28）、漏掉的池化，"
         "或某一层的输入不对（每一层都接收上一层的输出）。"),
    "scores = model_forward(X, parameters) on the first 8 training images (n_C1 = 4, n_C2 = 8)":
        "在前8张训练图像上的scores = model_forward(X, parameters)（n_C1 = 4，n_C2 = 8）",
    "the parameters update_parameters returned":
        "update_parameters返回的参数",
    "initialize_parameters: every parameter has the right shape, dtype, scale and values.":
        "initialize_parameters：每个参数的形状、dtype、尺度和值都正确。",
    "caches[{k}] should be the cache of {name} (what {function} returned as its second value, {form})":
        "caches[{k}]应该是{name}的cache（即{function}返回的第二个值，{form}）",
    "the loss on the fixed batch":
        "固定批量上的损失",
    ("model_forward: every intermediate has the right shape, and the scores (and their loss, {loss:.6f}) are "
     "right."):
        "model_forward：每个中间结果的形状都正确，scores（及其损失{loss:.6f}）也正确。",
    "4 examples, 3 classes":
        "4个样本，3个类别",
    "1 example":
        "1个样本",
    "scores around +1000 and -800, where exp overflows":
        "scores在+1000和-800附近，exp会溢出",
    "compute_loss: the loss and its gradient are right, averaged over the batch, and stable for large scores.":
        "compute_loss：损失及其梯度都正确，在批量上取了平均，对很大的scores也数值稳定。",
    ("grads[{name!r}] ({label}) does not match the numeric gradient of the loss: relative error "
     "{relative_error:.2e} (tolerance {tolerance:.0e}); worst at index {worst_index}: yours {analytic:.8g}, "
     "numeric {numeric:.8g}. Wrong: {wrong}; right: {right_or_none}."):
        ("grads[{name!r}]（{label}）与损失的数值梯度不一致：相对误差{relative_error:.2e}（容差{tolerance:.0e}）；"
         "最差处在索引{worst_index}：你的为{analytic:.8g}，数值梯度为{numeric:.8g}。错误的：{wrong}；正确的："
         "{right_or_none}。"),
    ("go back through the layers in reverse order, each backward function with the cache of its own layer, "
     "and give each the gradient the layer after it returned."):
        "按相反的顺序回到各层，每个反向函数都用它自己那一层的cache，并把后一层返回的梯度传给它。",
    "3 images 8x8, n_C1 = 2, n_C2 = 3, 4 classes":
        "3张8x8图像，n_C1 = 2，n_C2 = 3，4个类别",
    ("model_backward: every gradient matches the numeric gradient of the loss (largest relative error "
     "{relative_error:.1e}, in {name})."):
        "model_backward：每个梯度都与损失的数值梯度一致（最大相对误差{relative_error:.1e}，在{name}中）。",
    "a softmax classifier":
        "一个softmax分类器",
    "update_parameters: three Adam steps are right, and one step lowers a loss ({before:.4f} -> {after:.4f}).":
        "update_parameters：三步Adam都正确，而且一步就降低了损失（{before:.4f} -> {after:.4f}）。",
    "64 images, mini_batch_size 16, 50 epochs":
        "64张图像，mini_batch_size 16，50个迭代周期",
    "history['loss'][0], the loss of the first mini-batch":
        "history['loss'][0]，即第一个小批量的损失",
    "history['accuracy'][0], the accuracy of the first mini-batch":
        "history['accuracy'][0]，即第一个小批量的精度",
    "the parameters train returned":
        "train返回的参数",
    ("train: {n_steps} steps on 64 images took the loss from {first:.3f} to {last:.4f} and the training "
     "accuracy to 100%."):
        "train：在64张图像上训练{n_steps}步，损失从{first:.3f}降到{last:.4f}，训练精度达到100%。",
    "a NumPy array of integer labels":
        "一个由整数标签组成的NumPy数组",
    "25 images, batch_size 10":
        "25张图像，batch_size 10",
    "4 images, default batch_size":
        "4张图像，默认的batch_size",
    "predict: the labels are right, for a batch_size that divides m and for one that does not.":
        "predict：标签都正确，无论batch_size能否整除m。",
    ("this check runs your {names}, which does not pass its own check yet "
     "({reasons}). Fix it first, then run this cell again. (When the notebook is graded, {exercise} is tested "
     "on its own, with correct versions of the other functions.)"):
        ("这个检查要运行你的{names}，而它还没有通过自己的检查（{reasons}）。请先修正它，"
         "然后再运行这个单元格。（笔记本评分时，{exercise}会单独测试，其他函数用正确的版本。）"),
    ("this check runs your {names}, which do not pass their own check yet "
     "({reasons}). Fix them first, then run this cell again. (When the notebook is graded, {exercise} is "
     "tested on its own, with correct versions of the other functions.)"):
        ("这个检查要运行你的{names}，而它们还没有通过各自的检查（{reasons}）。请先修正它们，"
         "然后再运行这个单元格。（笔记本评分时，{exercise}会单独测试，其他函数用正确的版本。）"),
    "update_parameters returned None. Did you forget `return parameters`?":
        "update_parameters返回了None。你是不是忘了`return parameters`？",
    "train changed X or Y in place. Shuffle with random_mini_batches, which returns new arrays.":
        "train原地修改了X或Y。请用random_mini_batches打乱顺序，它返回新的数组。",
    "history should be a dict with the two keys 'loss' and 'accuracy', but it is {described}.":
        "history应该是一个含有'loss'和'accuracy'两个键的字典，但它是{described}。",
    "{label} should be a dict name -> array, but it is {described}.":
        "{label}应该是一个“名称->数组”的字典，但它是{described}。",
    "{label} should have the keys {keys}; {problems}.":
        "{label}应该有这些键{keys}；{problems}。",
    "the gradient of {name} computed from your caches":
        "由你的caches算出的{name}的梯度",
    "{label} should return a dict of arrays, but it returned {described}.":
        "{label}应该返回一个由数组组成的字典，但它返回的是{described}。",
    "{label} has no {missing}: the dict needs the keys {names}.":
        "{label}中没有{missing}：这个字典需要这些键{names}。",
    "the sum of {label}[{name!r}]":
        "{label}[{name!r}]的和",
    "there is no ReLU after the first convolution.":
        "第一个卷积之后没有ReLU。",
    "there is no ReLU after the second convolution.":
        "第二个卷积之后没有ReLU。",
    "there is no ReLU at all: each convolution is followed by a ReLU.":
        "完全没有ReLU：每个卷积之后都跟着一个ReLU。",
    "the biases are missing: pass each layer its b.":
        "漏掉了偏置：把每一层的b传给它。",
    " of length {length}":
        "，长度为{length}",
    ("caches should be a list of the 8 layer caches [{names}], but it is {described}{length}. Keep the second "
     "value every layer function returns, in order."):
        ("caches应该是由8个层的cache组成的列表[{names}]，但它是{described}{length}。"
         "请按顺序保存每个层函数返回的第二个值。"),
    "its input":
        "它的输入",
    "the first convolution's output":
        "第一个卷积的输出",
    "the first pooling's output":
        "第一个池化的输出",
    "the second convolution's output":
        "第二个卷积的输出",
    "the second pooling's output":
        "第二个池化的输出",
    "the shape it flattened":
        "它展平前的形状",
    "the array x":
        "数组x",
    "x's shape":
        "x的形状",
    ("each row sums to 1: you applied the softmax. model_forward returns the scores (logits); the softmax "
     "belongs to the loss."):
        "每一行的和都是1：你用了softmax。model_forward返回的是scores（logits）；softmax属于损失。",
    "every score is >= 0: there is no ReLU after the dense layer; the scores come straight out of it.":
        "所有scores都>= 0：全连接层之后没有ReLU；scores直接来自全连接层。",
    "Loss of these scores on the batch (the course's softmax cross-entropy): {loss:.6f}":
        "这些scores在这个批量上的损失（课程的softmax交叉熵）：{loss:.6f}",
    ("loss ({label}) is {got_loss}: exp overflowed. Subtract each row's largest score before exp (it does not "
     "change the softmax)."):
        "loss（{label}）是{got_loss}：exp溢出了。请在exp之前减去每一行的最大分数（这不会改变softmax）。",
    "your loss is {m} times too large: average over the m = {m} examples (np.mean), do not sum.":
        "你的损失大了{m}倍：要在m = {m}个样本上取平均（np.mean），而不是求和。",
    "the sign is wrong: the loss is -log(probability).":
        "符号反了：损失是-log(概率)。",
    "dscores is {m} times too large: the loss is a mean, so divide its gradient by m = {m}.":
        "dscores大了{m}倍：损失是平均值，所以它的梯度要除以m = {m}。",
    "subtract 1 at the correct class of each row: dscores = (softmax(scores) - one_hot(Y)) / m.":
        "在每一行的正确类别处减去1：dscores = (softmax(scores) - one_hot(Y)) / m。",
    "the sign is wrong: dscores = (softmax - one_hot) / m.":
        "符号反了：dscores = (softmax - one_hot) / m。",
    "there are NaNs: exp overflowed. Subtract each row's largest score first.":
        "出现了NaN：exp溢出了。请先减去每一行的最大分数。",
    (" Hint: the dense layer's gradients are right, so the mistake comes after it in the backward pass: go "
     "back through flatten, pool2, relu2, conv2, pool1, relu1, conv1, in this order, each with its own cache."):
        ("提示：全连接层的梯度是对的，所以错误出在反向传播中它之后的部分：依次回到flatten、pool2、relu2、conv2、"
         "pool1、relu1、conv1，每一层都用它自己的cache。"),
    ("one step of update_parameters ({label}) did not lower the loss: {loss_before:.6f} before, "
     "{loss_after:.6f} after. Hint: a step goes against the gradient, parameter -= learning_rate * ..."):
        ("update_parameters的一步（{label}）没有降低损失：之前{loss_before:.6f}，之后{loss_after:.6f}。提示："
         "一步要逆着梯度走，parameter -= learning_rate * ..."),
    ("history['accuracy'] should hold fractions between 0 and 1 (the share of the mini-batch classified "
     "right), but some values are outside."):
        "history['accuracy']应该是0到1之间的比例（小批量中分类正确的比例），但有些值超出了这个范围。",
    ("the loss did not go down during training: {first:.4f} on average over the first 8 steps, {last:.4f} "
     "over the last 8. Hint: use the parameters update_parameters returns, and keep one `state` for the whole "
     "training."):
        ("训练过程中损失没有下降：前8步平均为{first:.4f}，最后8步为{last:.4f}。提示："
         "使用update_parameters返回的参数，并在整个训练中只用一个`state`。"),
    ("after {n_steps} steps on the same 64 images the model should know them all by heart (100% training "
     "accuracy), but it gets {accuracy:.1%}. Hint: pass learning_rate to update_parameters and use the "
     "parameters it returns in the next step."):
        ("在同样的64张图像上训练{n_steps}步之后，模型应该把它们全部记住（训练精度100%），但它只有{accuracy:.1%}。"
         "提示：把learning_rate传给update_parameters，并在下一步中使用它返回的参数。"),
    "these are the scores: return the class with the highest score, np.argmax(scores, axis=1).":
        "这些是scores：请返回分数最高的类别，np.argmax(scores, axis=1)。",
    "np.argmax over axis 0 picks an image per class: take it over the classes, axis=1.":
        "在axis 0上取np.argmax会为每个类别挑出一张图像：要在类别上取，axis=1。",
    "return a 1-D array of shape (m,).":
        "请返回形状为(m,)的一维数组。",
    "labels ({label}) should be integers (class numbers), but their dtype is {labels_dtype}.":
        "labels（{label}）应该是整数（类别编号），但它们的dtype是{labels_dtype}。",
    " and ":
        "和",
    "{name} raised {error_type}: {error}. Hint: {hint}":
        "{name}抛出了{error_type}：{error}。提示：{hint}",
    "update_parameters changed grads[{name!r}] in place. Read the gradients, do not modify them.":
        "update_parameters原地修改了grads[{name!r}]。只读取梯度，不要修改它们。",
    ("history should be a dict with the two keys 'loss' and 'accuracy', but it is {described} with keys "
     "{keys}."):
        "history应该是一个含有'loss'和'accuracy'两个键的字典，但它是{described}，键为{keys}。",
    "that is the shape of {other!r}: did you store it under the wrong name?":
        "这是{other!r}的形状：你是不是把它存到了错误的名字下？",
    "{label}[{name!r}] should be a {dtype} array, but it is {described}.":
        "{label}[{name!r}]应该是{dtype}数组，但它是{described}。",
    ("the caches model_forward returned ({label}) do not work with the layers' backward functions "
     "({error_type}: {error}). Keep, for each layer, the second value its forward function returned, in the "
     "order of the forward pass."):
        ("model_forward返回的caches（{label}）无法用于各层的反向函数（{error_type}：{error}）。"
         "请按前向传播的顺序，为每一层保存其前向函数返回的第二个值。"),
    ("{label}[{name!r}] should be a float32 array (the speed the training wants), but it is {described}. "
     "he_init returns float32; for the biases use np.zeros(n, dtype=np.float32)."):
        ("{label}[{name!r}]应该是float32数组（训练需要这个速度），但它是{described}。he_init返回float32；"
         "偏置请用np.zeros(n, dtype=np.float32)。"),
    ("{label}[{name!r}] has a standard deviation of {std:.4f}, but He initialisation gives about sqrt(2 / "
     "fan_in) = sqrt(2 / {fan_in}) = {he_std:.4f}. Hint: draw the weights with he_init(shape, rng), which "
     "scales them for you."):
        ("{label}[{name!r}]的标准差是{std:.4f}，但He初始化给出的约为sqrt(2 / fan_in) = sqrt(2 / {fan_in}) = "
         "{he_std:.4f}。提示：用he_init(shape, rng)抽取权重，它会替你缩放。"),
    "{label} has no {name!r}.":
        "{label}中没有{name!r}。",
    ("{where}, but it is {described}{length}. Did you store the caches in another order, or the same cache "
     "twice?"):
        "{where}，但它是{described}{length}。你是不是把caches存成了别的顺序，或者把同一个cache存了两次？",
    ("{where}; {what} should have the shape {want}, but it has the shape {shape}. Did you store the caches in "
     "another order, reuse one layer's cache for another, or use the wrong pad (pad=1 keeps a 3x3 "
     "convolution's output as large as its input)?"):
        ("{where}；{what}的形状应为{want}，但实际为{shape}。你是不是把caches存成了别的顺序、"
         "把一层的cache用在了另一层，或者用错了pad（pad=1让3x3卷积的输出与输入一样大）？"),
    "Shapes through the network (relu keeps the shape):\n  ":
        "网络中各处的形状（relu不改变形状）：\n  ",
    " Hint: even the dense layer's gradients are wrong: start from dscores and the dense cache.":
        "提示：连全连接层的梯度都不对：请从dscores和全连接层的cache开始查。",
    "the parameters moved the wrong way: gradient descent subtracts, parameter -= learning_rate * ...":
        "参数朝错误的方向移动了：梯度下降是减法，parameter -= learning_rate * ...",
    ("this is plain gradient descent, parameter -= learning_rate * gradient: Adam moves by learning_rate * "
     "m_hat / (sqrt(v_hat) + epsilon)."):
        ("这是普通的梯度下降parameter -= learning_rate * gradient：Adam的移动量是learning_rate * m_hat / "
         "(sqrt(v_hat) + epsilon)。"),
    ("parameters[{first_name!r}] was right after this step, so look at what changes from one parameter to the "
     "next: count the step t once per call (not once per parameter), and keep separate m and v for each "
     "parameter."):
        ("这一步之后parameters[{first_name!r}]是对的，所以请看从一个参数到下一个参数有什么变化："
         "每次调用只把步数t加一次（而不是每个参数加一次），并为每个参数分别保存m和v。"),
    "parameters[{name!r}] after step {step}":
        "第{step}步之后的parameters[{name!r}]",
    "history[{key!r}] should be a list with one value per step, but it is {described}.":
        "history[{key!r}]应该是每一步一个值的列表，但它是{described}。",
    " Hint: append one value per mini-batch step, inside the loop over the mini-batches.":
        "提示：每个小批量的一步追加一个值，写在遍历小批量的循环里面。",
    "history[{key!r}] ({label}) should have one value per step, {n_steps}, but it has {count}.{hint}":
        "history[{key!r}]（{label}）应该每一步一个值，共{n_steps}个，但它有{count}个。{hint}",
    "the last, smaller batch is missing: loop with range(0, m, batch_size), which includes it.":
        "漏掉了最后那个较小的批量：用range(0, m, batch_size)循环，它会包含这个批量。",
    ("This cell needs {function}, which is not written yet: finish that exercise, then run the cells from the "
     "training on."):
        "这个单元格需要{function}，而它还没有写：请完成那个练习，然后从训练那里开始重新运行后面的单元格。",
    "not checked yet: needs {names} to pass first":
        "还没有检查：需要{names}先通过",
    "missing {missing}":
        "缺少{missing}",
    "unexpected {extra}":
        "多出{extra}",
    ("that is 14 * 14 * 32 rows: the image is pooled twice, 28 -> 14 -> 7, so the dense layer receives 7 * 7 "
     "* n_C2 values per image."):
        "这是14 * 14 * 32行：图像被池化了两次，28 -> 14 -> 7，所以全连接层每张图像接收7 * 7 * n_C2个值。",
    ("that is 28 * 28 * 32 rows: each 2x2 pooling halves height and width, so the dense layer receives (28 // "
     "4) * (28 // 4) * n_C2 values."):
        "这是28 * 28 * 32行：每个2x2池化都把高和宽减半，所以全连接层接收(28 // 4) * (28 // 4) * n_C2个值。",
    "a dense layer's weights are (inputs, outputs): (1568, 10).":
        "全连接层的权重形状是（输入数，输出数）：(1568, 10)。",
    "the second convolution has n_C2 = 32 filters: 7 * 7 * n_C2 rows.":
        "第二个卷积有n_C2 = 32个卷积核：7 * 7 * n_C2行。",
    "cnn_utils.layers wants one bias per filter as a 1-D array: shape ({n},), not (1, 1, 1, {n}).":
        "cnn_utils.layers要求每个卷积核一个偏置，放在一维数组里：形状为({n},)，而不是(1, 1, 1, {n})。",
    "cnn_utils.layers wants biases of shape ({n},).":
        "cnn_utils.layers要求偏置的形状为({n},)。",
    ("a convolution's weights are (f, f, n_C_prev, n_C): the input has 1 channel, the layer 16 filters: (3, "
     "3, 1, 16)."):
        "卷积的权重形状是(f, f, n_C_prev, n_C)：输入有1个通道，这一层有16个卷积核：(3, 3, 1, 16)。",
    ("the shapes and the scale are right but not the values. Create one generator, rng = "
     "np.random.default_rng(seed), and pass it to he_init for W1, then W2, then W3, in this order."):
        ("形状和尺度都对，但值不对。请只创建一个生成器rng = np.random.default_rng(seed)，"
         "并依次把它传给he_init来生成W1、W2、W3。"),
    "one row per image, one column per class: (m, 10).":
        "每张图像一行，每个类别一列：(m, 10)。",
    "the bias correction is missing: m_hat = m / (1 - beta1 ** t), v_hat = v / (1 - beta2 ** t).":
        "漏掉了偏差修正：m_hat = m / (1 - beta1 ** t)，v_hat = v / (1 - beta2 ** t)。",
    ("the first step was right but not this one: keep t, m and v in `state` between calls, and add 1 to t "
     "once per call."):
        "第一步是对的，这一步却不对：在两次调用之间把t、m和v保存在`state`中，并且每次调用把t加1。",
    "history[{key!r}][{k}] should be one number (a float), but it is {described}.":
        "history[{key!r}][{k}]应该是一个数（float），但它是{described}。",
    ("epoch e must shuffle with random_mini_batches(X, Y, mini_batch_size, seed=seed + e), and record the "
     "loss of each step before updating."):
        ("第e个迭代周期必须用random_mini_batches(X, Y, mini_batch_size, seed=seed + e)打乱顺序，"
         "并在更新之前记录每一步的损失。"),
    "the accuracy of a step is the mean of (np.argmax(scores, axis=1) == Y_batch) over its mini-batch.":
        "一步的精度是(np.argmax(scores, axis=1) == Y_batch)在该小批量上的平均值。",
    ("each cache must come from its own layer, and each layer must get the previous layer's output as its "
     "input."):
        "每个cache都必须来自它自己的层，而且每一层都必须以上一层的输出作为输入。",
    "the biases start at zero.":
        "偏置从零开始。",
    ("W1 is right, so look at the order: one generator, passed to he_init for W1, then W2, then W3 (a new "
     "generator per weight repeats the same numbers)."):
        ("W1是对的，所以请检查顺序：只用一个生成器，依次传给he_init来生成W1、W2、"
         "W3（每个权重新建一个生成器会得到相同的数）。"),
    "W3 has 7 * 7 * n_C2 rows only for 28x28 images: compute (n_H // 4) * (n_W // 4) * n_C2 from input_shape.":
        "只有28x28的图像，W3才有7 * 7 * n_C2行：请根据input_shape计算(n_H // 4) * (n_W // 4) * n_C2。",
    "the input has n_C = input_shape[2] channels (3 here), not always 1.":
        "输入有n_C = input_shape[2]个通道（这里是3），不总是1。",
    ("the steps must follow the docstring: epoch e shuffles with random_mini_batches(X, Y, mini_batch_size, "
     "seed=seed + e); each step runs model_forward, compute_loss, model_backward and update_parameters (with "
     "learning_rate), and records the loss and the accuracy of that forward pass."):
        ("各步必须按文档字符串来：第e个迭代周期用random_mini_batches(X, Y, mini_batch_size, seed=seed + "
         "e)打乱顺序；每一步运行model_forward、compute_loss、model_backward和update_parameters（传入learning_rate"
         "），并记录这次前向传播的损失和精度。"),
    "an exercise":
        "一个练习",
    "{label} raised {error_type}: {error}":
        "{label}抛出了{error_type}：{error}",
    ("{owner}.backward, called on a new {owner} whose forward never ran, returned a result instead of raising "
     "an error. Nothing is cached yet, so any result is made up: raise a RuntimeError that says that forward "
     "must run before backward."):
        ("在一个前向传播从未运行过的新{owner}上调用{owner}.backward，它返回了结果，而不是抛出错误。"
         "这时还没有缓存任何东西，所以任何结果都是编出来的：请抛出RuntimeError，"
         "说明必须先运行forward再运行backward。"),
    ("im2col: every row is the right window, in (p, q, c) order, for stride 2 with pad 1, overlapping windows "
     "(f 2, stride 1), and f 1 with stride 2 on a non-square image."):
        ("im2col：每一行都是正确的窗口，按(p, q, c)的顺序；stride 2加pad 1、重叠的窗口（f 2，stride 1）"
         "以及非正方形图像上f 1加stride 2都是如此。"),
    ("col2im: overlapping windows add up, the padding is cropped, pixels in no window get 0, and <im2col(x), "
     "y> = <x, col2im(y)> holds (stride 2 with pad 1, f 2 with stride 1, a column no window reaches)."):
        ("col2im：重叠的窗口会相加，填充被裁掉，不在任何窗口中的像素得到0，并且<im2col(x), y> = <x, "
         "col2im(y)>成立（stride 2加pad 1，f 2加stride 1，有一列不被任何窗口覆盖）。"),
    ("Conv2D: forward, dx, dW and db match the course's convolution (stride 2 with pad 1, overlapping 2x2 "
     "windows, stride 2 with pad 1 on a small image), the gradients pass a numeric gradient check, a second "
     "step overwrites grads, backward before forward raises RuntimeError, and two layers share no arrays."):
        ("Conv2D：forward、dx、dW和db与课程的卷积一致（stride 2加pad 1，重叠的2x2窗口，小图像上stride 2加pad 1），"
         "梯度通过了数值梯度检验，第二步会覆盖grads，在forward之前调用backward会抛出RuntimeError，"
         "并且两个层不共享任何数组。"),
    ("conv_input_gradient: the full convolution of dZ with the rotated filters equals the convolution's "
     "dA_prev (pad 1, pad 0 with 2x2 filters, pad 2 with one input channel)."):
        ("conv_input_gradient：dZ与旋转后的卷积核的全卷积等于卷积的dA_prev（pad 1，2x2卷积核加pad 0，"
         "单个输入通道加pad 2）。"),
    "(x of shape (2, 4, 3, 2))":
        "（x的形状为(2, 4, 3, 2)）",
    "(x of shape (5, 7))":
        "（x的形状为(5, 7)）",
    ("ReLU: forward and backward match max(x, 0) and its gradient on 4-D and 2-D inputs, the gradient check "
     "passes, and backward before forward raises RuntimeError."):
        ("ReLU：在四维和二维输入上，forward和backward与max(x, 0)及其梯度一致，梯度检验通过，"
         "在forward之前调用backward会抛出RuntimeError。"),
    ("MaxPool2D: forward and backward match the course's max pooling (2x2 stride 2, 3x3 stride 2, overlapping "
     "2x2 stride 1), tied maxima all get the gradient, the gradient check passes, and backward before forward "
     "raises RuntimeError."):
        ("MaxPool2D：forward和backward与课程的最大池化一致（2x2 stride 2，3x3 stride 2，重叠的2x2 stride 1），"
         "并列的最大值都得到梯度，梯度检验通过，在forward之前调用backward会抛出RuntimeError。"),
    "(x of shape (2, 3, 4, 5))":
        "（x的形状为(2, 3, 4, 5)）",
    "(x of shape (3, 2, 5, 1))":
        "（x的形状为(3, 2, 5, 1)）",
    ("Flatten: (m, n_H, n_W, n_C) -> (m, n_H * n_W * n_C) and back, on two shapes; backward before forward "
     "raises RuntimeError."):
        ("Flatten：在两种形状上，(m, n_H, n_W, n_C) -> (m, n_H * n_W * n_C)并能变回去；"
         "在forward之前调用backward会抛出RuntimeError。"),
    ("Dense: forward, dx, dW and db match x @ W + b and its gradients, the gradient check passes, a second "
     "step overwrites grads, backward before forward raises RuntimeError, and two layers share no arrays."):
        ("Dense：forward、dx、dW和db与x @ W + b及其梯度一致，梯度检验通过，第二步会覆盖grads，"
         "在forward之前调用backward会抛出RuntimeError，并且两个层不共享任何数组。"),
    "SoftmaxCrossEntropy.forward(scores, y) {label}":
        "SoftmaxCrossEntropy.forward(scores, y) {label}",
    "SoftmaxCrossEntropy.forward(scores, y)":
        "SoftmaxCrossEntropy.forward(scores, y)",
    "SoftmaxCrossEntropy.backward(0.5) (called after backward())":
        "SoftmaxCrossEntropy.backward(0.5)（在backward()之后调用）",
    "(5 examples, 4 classes)":
        "（5个样本，4个类别）",
    "(3 examples, 6 classes, scores around 1000)":
        "（3个样本，6个类别，scores在1000附近）",
    ("SoftmaxCrossEntropy: the mean loss and dscores = (softmax - one_hot) / m match, also for scores around "
     "1000 (no overflow), backward(dout) scales by dout, the gradient check passes, and backward before "
     "forward raises RuntimeError."):
        ("SoftmaxCrossEntropy：平均损失和dscores = (softmax - one_hot) / m都一致，"
         "scores在1000附近时也是如此（没有溢出），backward(dout)按dout缩放，梯度检验通过，"
         "在forward之前调用backward会抛出RuntimeError。"),
    "(x of shape (5, 4))":
        "（x的形状为(5, 4)）",
    "(one layer, made after two other networks)":
        "（一个层，在另外两个网络之后创建）",
    ("Sequential: forward chains the layers in order, backward in reverse order, the layers' grads are "
     "filled, and a new Sequential starts from its own list of layers."):
        ("Sequential：forward按顺序串联各层，backward按相反顺序，各层的grads都被填好，"
         "而且新的Sequential从它自己的层列表开始。"),
    "after step {step} {label}":
        "第{step}步之后{label}",
    "(three Dense layers, lr 0.1, momentum 0.9)":
        "（三个Dense层，lr 0.1，momentum 0.9）",
    "(a second optimizer, lr 0.05, momentum 0.5)":
        "（第二个优化器，lr 0.05，momentum 0.5）",
    ("SGD: three steps of momentum updates match v = momentum * v - lr * grad, param += v, with one velocity "
     "per layer and parameter, parameters updated in place, grads left alone, and a second optimizer "
     "independent of the first."):
        ("SGD：三步动量更新都与v = momentum * v - lr * grad、param += v一致，每个层的每个参数各有一个速度，"
         "参数原地更新，grads保持不变，第二个优化器与第一个互不影响。"),
    "{owner} should be a class, but it is {described}. Did you overwrite it with a value?":
        "{owner}应该是类，但它是{described}。你是不是用一个值覆盖了它？",
    "{owner}.{attribute} should be a dict of arrays, but it is {described}.":
        "{owner}.{attribute}应该是由数组组成的字典，但它是{described}。",
    "gives wrong results on this check's inputs":
        "在这个检查的输入上给出了错误的结果",
    ("{name} is not the adjoint of im2col {label}: <im2col(x), cols> = {left:.10g} but <x, col2im(cols)> = "
     "{right:.10g}."):
        "{name}不是im2col的伴随{label}：<im2col(x), cols> = {left:.10g}，但<x, col2im(cols)> = {right:.10g}。",
    "A new {kind}'s params has the keys {sorted_params}; expected {expected}.":
        "新建的{kind}的params的键是{sorted_params}；应为{expected}。",
    "on x of shape {x_shape} {where}":
        "在形状为{x_shape}的x上{where}",
    " (second forward/backward step)":
        "（第二次前向/反向传播）",
    "{kind}, gradient check, {label}":
        "{kind}，梯度检验，{label}",
    ("A backward pass of one {kind} changed another {kind}'s grads: the two share their gradients. Create "
     "them in __init__ for every instance (Layer.__init__ makes a new dict), not as a class attribute."):
        ("一个{kind}的反向传播改变了另一个{kind}的grads：两者共享梯度。"
         "请在__init__中为每个实例创建它们（Layer.__init__会新建一个字典），不要用类属性。"),
    ("the loss is not finite: exp of a large score overflows. Subtract each row's largest score before "
     "np.exp; the softmax does not change."):
        "损失不是有限值：大分数的exp溢出了。请在np.exp之前减去每一行的最大分数；softmax不会改变。",
    "this is the sum over the examples: the loss is the mean.":
        "这是在样本上的和：损失是平均值。",
    "SoftmaxCrossEntropy has no parameters, but its params holds {sorted_params}.":
        "SoftmaxCrossEntropy没有参数，但它的params中有{sorted_params}。",
    "SoftmaxCrossEntropy, gradient check, {label}":
        "SoftmaxCrossEntropy，梯度检验，{label}",
    ("{owner}.layers should be the list of the {count} layers it was given, in order, but it is {described}. "
     "Keep self.layers = list(layers): a new list of the same layers."):
        ("{owner}.layers应该是它收到的{count}个层按顺序组成的列表，但它是{described}。请写self.layers = "
         "list(layers)：由同样的层组成的新列表。"),
    ("{owner}.layers should be the list of the {count} layers it was given, in order, but it holds "
     "{len_layers}. A list made at class level (`layers = []` in the class body) or as a default argument is "
     "shared by every {owner}, and each new one adds its layers to it. Keep self.layers = list(layers), made "
     "in __init__."):
        ("{owner}.layers应该是它收到的{count}个层按顺序组成的列表，但它有{len_layers}个。"
         "在类这一层创建的列表（类体中的`layers = []`）或默认参数会被所有{owner}共享，"
         "每新建一个都会把自己的层加进去。请在__init__中写self.layers = list(layers)。"),
    "{owner} has no method `{name}`. Keep the class's methods as the exercise defines them.":
        "{owner}没有方法`{name}`。请保留练习所定义的类方法。",
    ("{label} is not written yet: replace `raise NotImplementedError()` with your code, then run this cell "
     "again."):
        "{label}还没有写：把`raise NotImplementedError()`换成你的代码，然后再运行这个单元格。",
    ("{owner}.__init__ is not written yet: replace `raise NotImplementedError()` with your code, then run "
     "this cell again."):
        "{owner}.__init__还没有写：把`raise NotImplementedError()`换成你的代码，然后再运行这个单元格。",
    ("{owner} has no attribute `{attribute}`. Every layer keeps `self.{attribute}`, a dict created in "
     "Layer.__init__: does your __init__ call `super().__init__()` first?"):
        ("{owner}没有属性`{attribute}`。每个层都有`self.{attribute}`，它是在Layer.__init__中创建的字典："
         "你的__init__是否首先调用了`super().__init__()`？"),
    "{owner} has no method `backward`.":
        "{owner}没有方法`backward`。",
    ("{owner}.backward is not written yet: replace `raise NotImplementedError()` with your code, then run "
     "this cell again."):
        "{owner}.backward还没有写：把`raise NotImplementedError()`换成你的代码，然后再运行这个单元格。",
    ("{owner}.backward, called on a new {owner} whose forward never ran, raised {raised} ({error}). Nothing "
     "is cached yet, so backward cannot work: check `self.cache is None` first and raise a RuntimeError whose "
     "message says that forward must run before backward."):
        ("在一个前向传播从未运行过的新{owner}上调用{owner}.backward，它抛出了{raised}（{error}）。"
         "这时还没有缓存任何东西，所以backward无法工作：请先检查`self.cache is None`，并抛出RuntimeError，"
         "其消息说明必须先运行forward再运行backward。"),
    ("{helper} {reason}, and your {exercise} runs with your {helper} here, so this failure may come from "
     "{helper}: {failure} Make {helper}'s check pass, then run this cell again. (When graded, {exercise} is "
     "checked with a correct {helper}.)"):
        ("{helper}{reason}，而你的{exercise}在这里用的是你自己的{helper}，所以这个失败可能来自{helper}："
         "{failure}请先让{helper}的检查通过，然后再运行这个单元格。（评分时，"
         "{exercise}会配合正确的{helper}来检查。）"),
    "is not written yet":
        "还没有写",
    "raises {error_type} on this check's inputs":
        "在这个检查的输入上抛出了{error_type}",
    ("A new {kind}'s grads holds {key!r} of shape {value_shape}; grads has the names and shapes of params, "
     "{shapes}. Are params and grads shared with another instance (a class attribute or a default argument)?"):
        ("新建的{kind}的grads中有形状为{value_shape}的{key!r}；grads的名称和形状与params相同，为{shapes}。"
         "params和grads是否与另一个实例共享了（类属性或默认参数）？"),
    "on dout of shape {dout_shape} {where}":
        "在形状为{dout_shape}的dout上{where}",
    ("After {kind}.backward{which} {where}, grads has the keys {keys}; expected {expected}, one per "
     "parameter. backward fills self.grads[name] for every name in self.params."):
        ("{kind}.backward{which} {where}之后，grads的键是{keys}；应为{expected}，每个参数一个。"
         "backward要为self.params中的每个名称填写self.grads[name]。"),
    ("Two {kind} layers share the same {attribute} dict: what one stores, the other sees. Create it in "
     "__init__ (`self.{attribute} = {{}}`, which Layer.__init__ does), not as a class attribute or a default "
     "argument."):
        ("两个{kind}层共享同一个{attribute}字典：一个存进去的，另一个也能看到。"
         "请在__init__中创建它（`self.{attribute} = {{}}`，Layer.__init__就是这样做的），不要用类属性或默认参数。"),
    ("Two {kind} layers share the same params[{key!r}] array: an update of one would change both. Create a "
     "new array in __init__ for every instance."):
        "两个{kind}层共享同一个params[{key!r}]数组：更新一个就会改变两个。请在__init__中为每个实例创建新数组。",
    ("Changing the parameters of one {kind} changed another {kind}'s params[{key!r}]: the two share their "
     "arrays. Create new arrays in __init__ for every instance."):
        ("改变一个{kind}的参数改变了另一个{kind}的params[{key!r}]：两者共享数组。"
         "请在__init__中为每个实例创建新数组。"),
    "forward returned the mask x > 0; return max(x, 0) and keep the mask in the cache.":
        "forward返回的是掩码x > 0；请返回max(x, 0)，并把掩码保存在cache中。",
    ("this is ReLU applied to dout: the mask comes from the forward pass's INPUT x (kept in the cache), not "
     "from the sign of dout."):
        "这是对dout应用ReLU：掩码来自前向传播的输入x（保存在cache中），而不是dout的符号。",
    "this is dout times the forward's output: multiply by the mask x > 0 (0 or 1), not by the output values.":
        "这是dout乘以前向传播的输出：要乘以掩码x > 0（0或1），而不是输出值。",
    "dout came back unchanged: where x <= 0 the gradient is 0.":
        "dout原样返回了：在x <= 0的地方梯度是0。",
    "one ROW per example: x.reshape(m, -1), without the .T of a (features, examples) layout.":
        "每个样本一行：x.reshape(m, -1)，不要像（特征，样本）布局那样加.T。",
    "keep the examples axis: x.reshape(m, -1) is 2-D.":
        "要保留样本轴：x.reshape(m, -1)是二维的。",
    "the bias is missing: out = x @ W + b.":
        "漏掉了偏置：out = x @ W + b。",
    "dW was divided by m: a layer's backward sums over the examples; the loss takes care of the average.":
        "dW被除以了m：一个层的反向传播在样本上求和；取平均由损失负责。",
    "db was divided by m: it is dout summed over the examples.":
        "db被除以了m：它是dout在样本上的和。",
    "db is all zeros: it is dout summed over the examples (axis 0).":
        "db全是零：它是dout在样本上（axis 0）的和。",
    ("{owner} is checked on a network of your layers, and making them failed: {reason}. Make their checks "
     "pass first, then run this cell again. (When graded, {owner} is checked with correct layers.)"):
        ("{owner}是在由你的层组成的网络上检查的，而创建这些层失败了：{reason}。请先让它们的检查通过，"
         "然后再运行这个单元格。（评分时，{owner}会配合正确的层来检查。）"),
    ("{owner} is checked on a network of your layers, and running them by hand failed: {reason}. Make their "
     "checks pass first, then run this cell again. (When graded, {owner} is checked with correct layers.)"):
        ("{owner}是在由你的层组成的网络上检查的，而手动运行这些层失败了：{reason}。请先让它们的检查通过，"
         "然后再运行这个单元格。（评分时，{owner}会配合正确的层来检查。）"),
    "{owner} has no attribute `layers`: keep the layers it was given in self.layers, a list, in order.":
        "{owner}没有属性`layers`：请把它收到的层按顺序保存在列表self.layers中。",
    "forward gives each layer the previous layer's output: x = layer.forward(x), in order.":
        "forward把上一层的输出交给每一层：按顺序x = layer.forward(x)。",
    ("backward visits the layers in REVERSE order (reversed(self.layers)), each receiving the gradient the "
     "layer after it returned."):
        "backward以相反的顺序访问各层（reversed(self.layers)），每一层接收它后面那一层返回的梯度。",
    "layer {k} ({kind}).grads[{key!r}] after Sequential.backward":
        "Sequential.backward之后第{k}层（{kind}）的grads[{key!r}]",
    ("{owner} is checked on layers of yours, and their forward/backward failed: {reason}. Make their checks "
     "pass first, then run this cell again. (When graded, {owner} is checked with correct layers.)"):
        ("{owner}是在你的层上检查的，而这些层的forward/backward失败了：{reason}。请先让它们的检查通过，"
         "然后再运行这个单元格。（评分时，{owner}会配合正确的层来检查。）"),
    "[{count} layers]":
        "[{count}个层]",
    "not checked: {reason}":
        "没有检查：{reason}",
    "this is the transpose: one ROW per window (m * n_H * n_W rows), one column per window entry.":
        "这是转置：每个窗口一行（m * n_H * n_W行），窗口中的每个元素一列。",
    "reshape the windows to a 2-D matrix, (m * n_H * n_W, f * f * n_C).":
        "请把窗口重塑成二维矩阵(m * n_H * n_W, f * f * n_C)。",
    "this is the number of windows with stride 1: the window of output (h, w) starts at row h * stride.":
        "这是步幅为1时的窗口数：输出(h, w)的窗口从第h * stride行开始。",
    "this is the number of windows without padding: pad x first.":
        "这是没有填充时的窗口数：请先填充x。",
    ("these are the windows of stride 1: the window of output (h, w) starts at row h * stride and column w * "
     "stride, so the slice of offset (p, q) steps by the stride, x_pad[:, p : p + stride * n_H : stride, ...]."):
        ("这些是步幅为1的窗口：输出(h, w)的窗口从第h * stride行、第w * stride列开始，所以偏移(p, "
         "q)的切片要按步幅跳跃，x_pad[:, p : p + stride * n_H : stride, ...]。"),
    ("the columns are in (c, p, q) order, channel first; the course's order is (p, q, c), the order of "
     "W.reshape(f * f * n_C_prev, n_C) for filters of shape (f, f, n_C_prev, n_C)."):
        ("列是按(c, p, q)的顺序排的，通道在前；课程的顺序是(p, q, c)，即形状为(f, f, n_C_prev, "
         "n_C)的卷积核执行W.reshape(f * f * n_C_prev, n_C)时的顺序。"),
    "each window is transposed: its rows (p) must come first, then its columns (q).":
        "每个窗口都被转置了：必须先是它的行（p），再是它的列（q）。",
    ("the rows are in the wrong order: row (i * n_H + h) * n_W + w holds window (h, w) of example i, so the "
     "output column w changes fastest, then the output row h, then the example i."):
        ("行的顺序不对：第(i * n_H + h) * n_W + w行存放样本i的窗口(h, w)，所以输出列w变化最快，然后是输出行h，"
         "最后是样本i。"),
    "every value is 0: did you fill a new array with the windows?":
        "所有值都是0：你是否把窗口填进了新数组？",
    "this is the padded shape: crop the padding, x_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :].":
        "这是填充后的形状：请裁掉填充，x_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]。",
    ("x_pad[:, pad:-pad, pad:-pad, :] is empty when pad = 0 (-0 is 0): crop with pad:pad + n_H_prev and "
     "pad:pad + n_W_prev."):
        ("pad = 0时x_pad[:, pad:-pad, pad:-pad, :]是空的（-0就是0）：请用pad:pad + n_H_prev和pad:pad + "
         "n_W_prev裁剪。"),
    "a pixel that lies in several windows must receive the SUM of their entries: add (+=), do not assign (=).":
        "落在多个窗口中的像素必须得到这些窗口对应元素的和：要相加（+=），不要赋值（=）。",
    ("this is the average of the windows' entries: col2im adds them (it is the adjoint of im2col, not its "
     "inverse)."):
        "这是各窗口元素的平均值：col2im是把它们相加（它是im2col的伴随，而不是逆）。",
    ("After {kind}.set_params({key}=...), {kind}.params[{key!r}] does not hold the given values. Keep the "
     "Layer base class's set_params (and create params in __init__ with the announced shapes)."):
        ("执行{kind}.set_params({key}=...)之后，{kind}.params[{key!r}]中不是给定的值。"
         "请保留Layer基类的set_params（并在__init__中按规定的形状创建params）。"),
    "on x of shape {shape} {where}":
        "在形状为{shape}的x上{where}",
    ("After {kind}.backward{which} {where}, grads has the keys {keys}; expected {expected}, one per parameter "
     "(missing: {missing}). backward fills self.grads[name] for every name in self.params."):
        ("{kind}.backward{which} {where}之后，grads的键是{keys}；应为{expected}，每个参数一个（缺少：{missing}）。"
         "backward要为self.params中的每个名称填写self.grads[name]。"),
    "this is the output size with stride 1: pass self.stride to im2col.":
        "这是步幅为1时的输出尺寸：请把self.stride传给im2col。",
    "this is the output size without padding: pass self.pad to im2col.":
        "这是没有填充时的输出尺寸：请把self.pad传给im2col。",
    "the bias is missing: add params['b'] (one number per filter) to every output position.":
        "漏掉了偏置：请把params['b']（每个卷积核一个数）加到每个输出位置上。",
    ("this is the convolution with every filter transposed: W.reshape(f * f * n_C_prev, n_C) lists the "
     "filter's entries in (p, q, c) order, as im2col's columns; do not transpose W's first two axes."):
        ("这是每个卷积核都被转置后的卷积：W.reshape(f * f * n_C_prev, n_C)按(p, q, c)的顺序列出卷积核的元素，"
         "与im2col的列一致；不要转置W的前两个轴。"),
    ("db is all zeros: the bias gradient is dout summed over the examples, the height and the width (one "
     "number per filter)."):
        "db全是零：偏置的梯度是dout在样本、高和宽上的和（每个卷积核一个数）。",
    "db was divided by m: a layer's backward sums over the examples; the loss takes care of the average.":
        "db被除以了m：一个层的反向传播在样本上求和；取平均由损失负责。",
    "db is a mean; it is a sum.":
        "db是平均值；它应该是和。",
    "dW's first two axes are swapped: reshape cols.T @ dout2 to W's shape (f, f, n_C_prev, n_C) directly.":
        "dW的前两个轴弄反了：请直接把cols.T @ dout2重塑成W的形状(f, f, n_C_prev, n_C)。",
    "this is the size with pad = 0 in the forward pass: dZ gets f - 1 - pad zeros on each side, not f - 1.":
        "这是前向传播中pad = 0时的尺寸：dZ每边要补f - 1 - pad个零，而不是f - 1个。",
    ("the last axis of dA_prev has n_C_prev entries: swap the rotated filters' channel axes, W_rot = W[::-1, "
     "::-1].transpose(0, 1, 3, 2)."):
        ("dA_prev的最后一个轴有n_C_prev个元素：请交换旋转后卷积核的通道轴，W_rot = W[::-1, ::-1].transpose(0, 1, "
         "3, 2)。"),
    "the filters are not rotated: W[::-1, ::-1] turns each f x f filter by 180 degrees.":
        "卷积核没有旋转：W[::-1, ::-1]把每个f x f卷积核旋转180°。",
    ("the rotated filters' channel axes are not swapped: in the backward pass the forward's n_C output "
     "channels are the inputs, so use W[::-1, ::-1].transpose(0, 1, 3, 2), of shape (f, f, n_C, n_C_prev), "
     "before the reshape."):
        ("旋转后卷积核的通道轴没有交换：在反向传播中，前向传播的n_C个输出通道成了输入，"
         "所以在重塑之前要用形状为(f, f, n_C, n_C_prev)的W[::-1, ::-1].transpose(0, 1, 3, 2)。"),
    "this is the size with stride 1: pass self.stride to im2col.":
        "这是步幅为1时的尺寸：请把self.stride传给im2col。",
    "this is average pooling: take the max.":
        "这是平均池化：要取最大值。",
    ("the max was taken over the channels too: reshape each window to (f * f, n_C) and take the max over the "
     "f * f positions only, one per channel."):
        "最大值也在通道上取了：请把每个窗口重塑成(f * f, n_C)，只在f * f个位置上取最大值，每个通道一个。",
    "dout was sent to every position of its window: only the maximum (mask windows == max) gets it.":
        "dout被送到了它所在窗口的每个位置：只有最大值（掩码windows == max）得到它。",
    ("dout was spread evenly over the window: that is average pooling's backward. Max pooling sends it to the "
     "maximum only."):
        "dout被平均分配到了窗口上：那是平均池化的反向传播。最大池化只把它送给最大值。",
    ("when several positions of a window tie for the maximum, the course gives the gradient to every one of "
     "them (the mask windows == max marks them all); yours gives it to one."):
        ("当一个窗口中有多个位置并列最大时，课程把梯度分给其中每一个（掩码windows == max会把它们都标出来）；"
         "你的只分给了一个。"),
    "dscores is not finite: subtract each row's largest score before np.exp.":
        "dscores不是有限值：请在np.exp之前减去每一行的最大分数。",
    "divide by m: the loss is a mean over the m examples, so each example's gradient carries a factor 1/m.":
        "要除以m：损失是m个样本上的平均值，所以每个样本的梯度都带有因子1/m。",
    "dscores is m * m times too large: dividing by m once is right.":
        "dscores大了m * m倍：只除以一次m才对。",
    "dscores was divided by m twice.":
        "dscores被除以了两次m。",
    "backward(dout) must multiply by dout (chain rule); with the default dout = 1.0 nothing changes.":
        "backward(dout)必须乘以dout（链式法则）；默认的dout = 1.0时什么都不变。",
    ("the second call subtracted the one-hot labels again: the first backward changed the cached "
     "probabilities in place. Copy them before subtracting (dscores = probs.copy()), so that backward can run "
     "more than once."):
        ("第二次调用又减了一次独热标签：第一次backward原地修改了缓存的概率。请在相减之前复制一份（dscores = "
         "probs.copy()），这样backward才能运行多次。"),
    ("{owner} is checked on a network of your layers, and layers {first} and {k} ({kind}) share the same "
     "`{attribute}` dict, so no network of them can work. Make {kind}'s check pass first, then run this cell "
     "again. (When graded, {owner} is checked with correct layers.)"):
        ("{owner}是在由你的层组成的网络上检查的，而第{first}层和第{k}层（{kind}）共享同一个`{attribute}`字典，"
         "所以由它们组成的网络都无法工作。请先让{kind}的检查通过，然后再运行这个单元格。（评分时，"
         "{owner}会配合正确的层来检查。）"),
    ("the output must be what the layers give when each receives the previous one's output, first layer "
     "first: x = layer.forward(x) for layer in self.layers."):
        ("输出必须是各层依次接收上一层输出时给出的结果，从第一层开始：对self.layers中的每个layer执行x = "
         "layer.forward(x)。"),
    ("backward visits the layers in REVERSE order (reversed(self.layers)), passes each the gradient the "
     "previous call returned, and returns the last one (the first layer's dx)."):
        ("backward以相反的顺序访问各层（reversed(self.layers)），把上一次调用返回的梯度传给每一层，"
         "并返回最后一个（第一层的dx）。"),
    "After Sequential.backward {where}, layer {k} ({kind}) has no grads[{key!r}]: was its backward called?":
        "Sequential.backward {where}之后，第{k}层（{kind}）没有grads[{key!r}]：它的backward被调用了吗？",
    "{kind}.backward filled grads {sorted_grads} for params {sorted_params}.":
        "{kind}.backward为params {sorted_params}填写了grads {sorted_grads}。",
    ("an error about shapes here usually means that one velocity serves parameters of several layers: two "
     "layers both have a 'W', often of different shapes. Keep one velocity per layer AND per parameter, e.g. "
     "self.velocities = [{{}} for _ in self.layers]."):
        ("这里出现形状错误，通常说明一个速度被多个层的参数共用了：两个层都有'W'，而且形状往往不同。请为每个层、"
         "每个参数各保存一个速度，例如self.velocities = [{{}} for _ in self.layers]。"),
    "layer {k} ({kind}).params[{key!r}]":
        "第{k}层（{kind}）的params[{key!r}]",
    "{name}: {ms:.0f} ms on a larger input ({label}), where the loops take seconds.":
        "{name}：在更大的输入（{label}）上用时{ms:.0f}毫秒，循环版本在这里要用好几秒。",
    ("making an SGD changed the parameters that layer {k} ({kind}) has: its params should still be {names}, the same "
     "arrays. The optimizer updates the arrays in params, it never replaces or removes them."):
        ("创建SGD改变了第{k}层（{kind}）拥有的参数：它的params应当仍然是{names}，而且是同样的数组。"
         "优化器只更新params中的数组，从不替换或删除它们。"),
    ("SGD.step changed the parameters that layer {k} ({kind}) has: its params should still be {names}. The "
     "optimizer updates the arrays in params, it never replaces or removes them."):
        "SGD.step改变了第{k}层（{kind}）拥有的参数：它的params应当仍然是{names}。优化器只更新params中的数组，从不替换或删除它们。",
    ("after SGD(layers), the layers compute other gradients for the same input: the optimizer must leave the layers "
     "as they are and only read their params and grads."):
        "执行SGD(layers)之后，这些层对同样的输入算出了不同的梯度：优化器必须让各层保持原样，只读取它们的params和grads。",
    ("SGD is checked on layers of yours, and they give other gradients when the same input comes twice (grads added "
     "up instead of overwritten?). Make their checks pass first, then run this cell again. (When graded, SGD is "
     "checked with correct layers.)"):
        ("SGD的检查用的是你写的层，而同样的输入传入两次时，它们给出了不同的梯度（梯度被累加而不是覆盖？）。"
         "请先让这些层通过各自的检查，然后再运行这个单元格。（评分时，SGD会用正确的层来检查。）"),
    ("{name} raised {error_type} on a larger input ({label}): {message} It must work on inputs of any size, and "
     "fast."):
        "{name}在一个较大的输入上（{label}）抛出了{error_type}：{message}它必须对任何大小的输入都能工作，而且要快。",
    "⚠ {exercise} could not be checked: {skipped}":
        "⚠ {exercise}无法检查：{skipped}",
    "backward returns the gradient with respect to the layer's INPUT: it has x's shape.":
        "backward返回的是对层的输入的梯度：它的形状与x相同。",
    ("this is the sum of this step's gradient and the previous step's: backward must OVERWRITE grads "
     "(self.grads[name] = ...), not add to them. The optimizer reads the gradient of the last mini-batch only."):
        ("这是这一步的梯度与上一步梯度之和：backward必须覆盖grads（self.grads[name] = ...），而不是累加。"
         "优化器只读取最后一个小批量的梯度。"),
    ("{owner} is checked on a network of your layers, and layer {k} ({kind}) has no `{attribute}` "
     "({error_type}). Make its check pass first."):
        ("{owner}是在由你的层组成的网络上检查的，而第{k}层（{kind}）没有`{attribute}`（{error_type}）。"
         "请先让它的检查通过。"),
    "the parameter did not change: step must update every parameter of every layer.":
        "参数没有变化：step必须更新每个层的每个参数。",
    ("this is plain gradient descent: the velocity v = momentum * v - lr * grad must be kept between steps, "
     "one per layer and parameter, and added to the parameter."):
        ("这是普通的梯度下降：速度v = momentum * v - lr * grad必须在各步之间保留（每个层、每个参数各一个），"
         "并加到参数上。"),
    "the parameter moved UP the gradient: subtract lr * grad.":
        "参数沿着梯度向上移动了：要减去lr * grad。",
    ("SGD.step replaced layer {k} ({kind}).params[{key!r}] by a new array (its values are right). Update it "
     "in place, `param += v` or `param[...] = ...`: anything else holding that array (a layer's cache, a tied "
     "weight, the model you saved a reference to) would keep the old values."):
        ("SGD.step用一个新数组替换了第{k}层（{kind}）的params[{key!r}]（它的值是对的）。请原地更新它，`param += "
         "v`或`param[...] = ...`：其他持有这个数组的地方（层的cache、共享的权重、你保存了引用的模型）"
         "都会留着旧值。"),
    "SGD.step changed layer {k} ({kind}).grads[{key!r}]: the optimizer reads gradients, it never writes them.":
        "SGD.step修改了第{k}层（{kind}）的grads[{key!r}]：优化器只读取梯度，从不写入。",
    "sum over the examples (axis 0) too.":
        "还要在样本上（axis 0）求和。",
    " with tied maxima":
        "，有并列的最大值",
    "zero_pad(x, 2) with x of shape (4, 3, 3, 2)":
        "zero_pad(x, 2)（x的形状为(4, 3, 3, 2)）",
    "x_pad[1, 1] (a row of the border)":
        "x_pad[1, 1]（边框中的一行）",
    "the inside of x_pad, x_pad[:, 2:5, 2:5, :]":
        "x_pad的内部，x_pad[:, 2:5, 2:5, :]",
    "zero_pad: the shape, the zero border and the copied values are right.":
        "zero_pad：形状、零边框和复制过来的值都正确。",
    "conv_single_step: Z = {Z:.10f} as expected.":
        "conv_single_step：Z = {Z:.10f}，符合预期。",
    ("all four axes were padded (this is what np.pad(X, pad) does): give np.pad one (before, after) pair per "
     "axis, (0, 0) for the examples and the channels."):
        ("四个轴都被填充了（np.pad(X, pad)就是这样做的）：请给np.pad每个轴一个(before, after)对，"
         "样本轴和通道轴用(0, 0)。"),
    "the channel axis was padded too: pad only height and width (axes 1 and 2).":
        "通道轴也被填充了：只填充高和宽（轴1和轴2）。",
    "the examples axis was padded too: pad only height and width (axes 1 and 2).":
        "样本轴也被填充了：只填充高和宽（轴1和轴2）。",
    "pad is the number of zeros on *each* side, so each dimension grows by 2 * pad.":
        "pad是*每一边*的零的个数，所以每个维度增加2 * pad。",
    "only the width was padded: pad the height (axis 1) too.":
        "只填充了宽：高（轴1）也要填充。",
    "only the height was padded: pad the width (axis 2) too.":
        "只填充了高：宽（轴2）也要填充。",
    "the original values must be copied into the middle.":
        "原来的值必须复制到中间。",
    "the border must hold zeros only.":
        "边框中只能是零。",
    "the bias was added to every product (inside the sum); add b once, after summing.":
        "偏置被加到了每个乘积上（在求和之内）；请在求和之后只加一次b。",
    "the bias b is missing: Z = sum(a_slice_prev * W) + b.":
        "漏掉了偏置b：Z = sum(a_slice_prev * W) + b。",
    "use the element-wise product (*), not the matrix product (@ or np.dot).":
        "请用逐元素乘积（*），而不是矩阵乘积（@或np.dot）。",
    "mask = create_mask_from_window(x) with x of shape (2, 3)":
        "mask = create_mask_from_window(x)（x的形状为(2, 3)）",
    "create_mask_from_window's result on a hidden test case ({label})":
        "create_mask_from_window在隐藏测试用例上的结果（{label}）",
    'A = pool_forward(A_prev, {{"stride": 1, "f": 4}}, mode="{mode}") with A_prev of shape (2, 4, 4, 3)':
        'A = pool_forward(A_prev, {{"stride": 1, "f": 4}}, mode="{mode}")（A_prev的形状为(2, 4, 4, 3)）',
    "A = pool_forward(A_prev, hparameters) (default mode)":
        "A = pool_forward(A_prev, hparameters)（默认模式）",
    'A = pool_forward(A_prev, {{"stride": 2, "f": 2}}, mode="{mode}") with A_prev of shape (2, 4, 4, 3)':
        'A = pool_forward(A_prev, {{"stride": 2, "f": 2}}, mode="{mode}")（A_prev的形状为(2, 4, 4, 3)）',
    "pool_forward: max and average pooling give the expected values, with stride 1 and stride 2.":
        "pool_forward：步幅为1和2时，最大池化和平均池化都给出了预期的值。",
    "a boolean NumPy array of the same shape as x":
        "一个与x形状相同的布尔NumPy数组",
    "{name} should be a boolean array (dtype bool), but its dtype is {mask_dtype}.":
        "{name}应该是布尔数组（dtype bool），但它的dtype是{mask_dtype}。",
    "create_mask_from_window: a boolean mask, True only at the maximum of x.":
        "create_mask_from_window：一个布尔掩码，只在x的最大值处为True。",
    "a = distribute_value({dz}, {shape})":
        "a = distribute_value({dz}, {shape})",
    "distribute_value: dz is spread evenly, and the entries add up to dz.":
        "distribute_value：dz被均匀分配，各元素之和等于dz。",
    "gives different values":
        "给出了不同的值",
    "pool_backward(dA, cache) (default mode)":
        "pool_backward(dA, cache)（默认模式）",
    "pool_backward: the gradients of max and average pooling are right, every element of dA_prev.":
        "pool_backward：最大池化和平均池化的梯度都正确，dA_prev的每个元素都对。",
    "pool_backward matches the numeric gradient of pool_forward, with stride 1 and stride 2, in both modes.":
        "pool_backward与pool_forward的数值梯度一致：步幅为1和2，两种模式都是如此。",
    "dA_prev ({label})":
        "dA_prev（{label}）",
    'the sums of dA_prev[i, :, :, c] over height and width, mode "average" ({label})':
        'dA_prev[i, :, :, c]在高和宽上的和，模式"average"（{label}）',
    "the window of output ({i}, {h}, {w}, {c}) ({label}, {n_tied} tied maxima)":
        "输出({i}, {h}, {w}, {c})的窗口（{label}，{n_tied}个并列的最大值）",
    "cache[0] (it should be A_prev, the input of pool_forward)":
        "cache[0]（它应该是A_prev，即pool_forward的输入）",
    ("{name} should be a boolean NumPy array of the same shape as x, but it is {mask!r}. Hint: that looks "
     "like the index of the maximum (np.argmax); return a mask instead, True where x is largest: x == "
     "np.max(x)."):
        ("{name}应该是与x形状相同的布尔NumPy数组，但它是{mask!r}。提示：这看起来像最大值的索引（np.argmax）；"
         "请改为返回掩码，在x最大的地方为True：x == np.max(x)。"),
    " Hint: it looks like an index (np.argmax): return a mask instead, True where x is largest.":
        "提示：它看起来像一个索引（np.argmax）：请改为返回掩码，在x最大的地方为True。",
    " Hint: compare x with its maximum, x == np.max(x): a comparison gives True/False values.":
        "提示：把x与它的最大值比较，x == np.max(x)：比较运算给出True/False值。",
    "a NumPy array of shape {shape}":
        "一个形状为{shape}的NumPy数组",
    ('⚠ Note: with your own {helper}, pool_backward(..., mode="{mode}") {problem}. This check used the '
     "course's correct {helper}, so pool_backward itself is fine: fix {helper} (its own check says what is "
     "wrong)."):
        ('⚠ 注意：用你自己的{helper}时，pool_backward(..., mode="{mode}") {problem}。'
         "这个检查用的是课程中正确的{helper}，所以pool_backward本身没问题："
         "请修正{helper}（它自己的检查会说明哪里不对）。"),
    "A_prev of shape (5, 5, 3, 2), f 2, stride 1":
        "A_prev的形状为(5, 5, 3, 2)，f 2，stride 1",
    "A_prev of shape (2, 5, 5, 2), f 3, stride 2":
        "A_prev的形状为(2, 5, 5, 2)，f 3，stride 2",
    ("{name} is True at {where}, where x does not hold its maximum. The mask must be True only where x equals "
     "np.max(x)."):
        "{name}在{where}处为True，而x在那里并不取最大值。掩码只能在x等于np.max(x)的地方为True。",
    ("{name} has no True entry. Here several entries of x tie for the maximum: x == np.max(x) marks all of "
     "them."):
        "{name}中没有True。这里x有多个元素并列最大：x == np.max(x)会把它们全部标出来。",
    "pool_forward's cache should be the tuple (A_prev, hparameters), but it is a {cache_type}.":
        "pool_forward的cache应该是元组(A_prev, hparameters)，但它是{cache_type}。",
    "cache[1] should be hparameters, {hparameters}, but it is {got!r}.":
        "cache[1]应该是hparameters {hparameters}，但它是{got!r}。",
    ("⚠ Note: your {helper} is not written yet, so this check used the course's correct one for "
     'pool_backward(..., mode="{mode}"). Write {helper} too: the rest of the notebook uses yours.'):
        ('⚠ 注意：你的{helper}还没有写，所以这个检查在pool_backward(..., mode="{mode}")中用的是课程中正确的版本。'
         "也请完成{helper}：笔记本的其余部分用的是你的版本。"),
    "dA_prev[1, 1] of":
        "dA_prev[1, 1]，取自",
    '{label}, mode "{mode}"':
        '{label}，模式"{mode}"',
    ("In {where}, dA_prev is not 0 at a position that does not hold the window's maximum. In max pooling only "
     "the maximum affected the output, so only the maximum receives gradient."):
        ("在{where}中，dA_prev在一个不是窗口最大值的位置上不为0。最大池化中只有最大值影响输出，"
         "所以只有最大值得到梯度。"),
    ("In {where}, the tied maxima receive {received} for an upstream gradient of {dz:.6g}. The course gives "
     "each tied maximum dA[i, h, w, c] (its mask marks them all); giving it all to one of them, or sharing it "
     "among them, is accepted too, but no position may get more than dA[i, h, w, c] and together they must "
     "get at least that."):
        ("在{where}中，对于上游梯度{dz:.6g}，并列的最大值分别得到{received}。课程给每个并列的最大值都分配dA[i, h, "
         "w, c]（它的掩码会把它们都标出来）；全部给其中一个，或在它们之间分摊，也都可以接受，"
         "但任何位置得到的都不能超过dA[i, h, w, c]，而且它们合起来至少要得到这么多。"),
    ("pool_forward's cache should be the tuple (A_prev, hparameters), but it is a {cache_type} of length "
     "{length}."):
        "pool_forward的cache应该是元组(A_prev, hparameters)，但它是长度为{length}的{cache_type}。",
    'without a mode argument pool_forward must do max pooling: keep the default mode="max" of the signature.':
        '不传mode参数时pool_forward必须做最大池化：保留函数签名中的默认值mode="max"。',
    ("exactly one entry of this x holds its maximum: compare x with np.max(x), the maximum of the whole "
     "window."):
        "这个x恰好只有一个元素是最大值：请把x与np.max(x)（整个窗口的最大值）比较。",
    "no entry is True: x == np.max(x) is True where x holds its maximum.":
        "没有一个元素是True：x == np.max(x)在x取最大值的地方为True。",
    'without a mode argument pool_backward must do max pooling: keep the default mode="max" of the signature.':
        '不传mode参数时pool_backward必须做最大池化：保留函数签名中的默认值mode="max"。',
    ("they come out f * f times too large: each window's gradient is dA[i, h, w, c] / (f * f) on each of its "
     "f * f entries."):
        "结果大了f * f倍：每个窗口的梯度是在它的f * f个元素上各放dA[i, h, w, c] / (f * f)。",
    ("every upstream gradient dA[i, h, w, c] is spread over its window without loss or gain, so these sums "
     "equal the sums of dA[i, :, :, c]."):
        "每个上游梯度dA[i, h, w, c]都在它的窗口上分配，不增不减，所以这些和等于dA[i, :, :, c]的和。",
    "the output is smaller than the input: n_H = floor((n_H_prev - f) / stride) + 1.":
        "输出比输入小：n_H = floor((n_H_prev - f) / stride) + 1。",
    "pool each channel on its own: the output keeps the n_C channels of the input.":
        "每个通道单独池化：输出保留输入的n_C个通道。",
    "loop over the m examples too: the output keeps the examples axis.":
        "还要遍历m个样本：输出保留样本轴。",
    'these are the {other} values: check how your function tests `mode` ("max" or "average").':
        '这些是{other}的值：请检查你的函数如何判断`mode`（"max"或"average"）。',
    "you returned the sum of each window: average pooling divides it by the number of entries, f * f.":
        "你返回的是每个窗口的和：平均池化要除以元素的个数f * f。",
    "you took the largest absolute value: max pooling keeps the largest value, signs included.":
        "你取的是绝对值最大的元素：最大池化保留最大的值，连同符号。",
    "the stride is missing from the output size: n_H = floor((n_H_prev - f) / stride) + 1.":
        "输出尺寸中漏掉了步幅：n_H = floor((n_H_prev - f) / stride) + 1。",
    "n_H = floor((n_H_prev - f) / stride) + 1: did you forget the + 1?":
        "n_H = floor((n_H_prev - f) / stride) + 1：你是不是漏掉了+ 1？",
    ("a window whose values are all negative has a negative maximum: do not start the maximum at 0 "
     "(np.max(window) needs no starting value)."):
        "值全为负的窗口，最大值也是负的：不要让最大值从0开始（np.max(window)不需要初始值）。",
    ("these windows start at (h, w), next to each other: with a stride the window of output (h, w) starts at "
     "(h * stride, w * stride)."):
        "这些窗口从(h, w)开始，彼此紧挨着：有步幅时，输出(h, w)的窗口从(h * stride, w * stride)开始。",
    "shape is (f_H, f_W), the window's height and width: use it as it is given.":
        "shape是(f_H, f_W)，即窗口的高和宽：照原样使用它。",
    "every entry holds dz: divide it by the number of entries, f_H * f_W, so that they add up to dz.":
        "每个元素都是dz：要除以元素的个数f_H * f_W，使它们加起来等于dz。",
    "the window has f_H * f_W entries, not f_H + f_W.":
        "窗口有f_H * f_W个元素，而不是f_H + f_W个。",
    "integer division (//) drops the fraction: use /.":
        "整数除法（//）会丢掉小数部分：请用/。",
    "dA_prev is the gradient of A_prev: it has A_prev's shape, not dA's.":
        "dA_prev是A_prev的梯度：它的形状与A_prev相同，而不是与dA相同。",
    "these are the {other} values: check how your function tests `mode`.":
        "这些是{other}的值：请检查你的函数如何判断`mode`。",
    "each window's gradient must be divided by the f * f entries it is spread over.":
        "每个窗口的梯度必须除以它所分配到的f * f个元素。",
    ("the mask was taken over all the channels of the window at once: take it from one channel, A_prev[i, "
     "rows, cols, c]."):
        "掩码是在窗口的所有通道上一起取的：请从单个通道A_prev[i, rows, cols, c]中取。",
    ("the windows overlap here (stride 1 < f 2): add each window's gradient to dA_prev with +=, do not "
     "overwrite what earlier windows put there."):
        "这里的窗口是重叠的（stride 1 < f 2）：请用+=把每个窗口的梯度加到dA_prev上，不要覆盖前面窗口放进去的值。",
    "a number, without quotes":
        "一个数，不带引号",
    "one of the letters {letters}, in quotes":
        "字母{letters}之一，带引号",
    ("{name} is {value!r}, which is not one of the choices {letters}. Write the letter only, for example "
     "{example}."):
        "{name}是{value!r}，不在选项{letters}之中。只写字母，例如{example}。",
    ("{name} is not answered yet: replace None with your answer ({what}) in the answers cell, run that cell, "
     "then run this cell again."):
        "{name}还没有作答：在答案单元格中把None换成你的答案（{what}），运行那个单元格，然后再运行这个单元格。",
    ("{name} should be one of the letters {letters}, written in quotes (for example {example}), but it is "
     "{value!r}, a value of type {value_type}."):
        ("{name}应该是字母{letters}之一，写在引号里（例如{example}），但它是{value!r}，"
         "一个类型为{value_type}的值。"),
    "{name} is {value!r}: write one letter only, among {letters}, for example {example}.":
        "{name}是{value!r}：只写一个字母，从{letters}中选，例如{example}。",
    " Write it without quotes: {name} = {digits}, not {name} = {value!r}.":
        "请不要加引号：写{name} = {digits}，而不是{name} = {value!r}。",
    "{name} should be a number, but it is the string {value!r}.{hint}":
        "{name}应该是一个数，但它是字符串{value!r}。{hint}",
    ("{name} should be a number (an int or a float, written without quotes), but it is {value!r}, a value of "
     "type {value_type}."):
        "{name}应该是一个数（int或float，不带引号），但它是{value!r}，一个类型为{value_type}的值。",
    "{name} is {number}: the answer must be a finite number.":
        "{name}是{number}：答案必须是有限的数。",
    "{name} recorded: graded with the hidden answer key when you submit.":
        "{name}已记录：评分时用隐藏的标准答案判分。",
    " Write it with digits, without quotes.":
        "请用数字书写，不带引号。",
    ("conv_forward_fast: Z matches the loop version element by element (stride 2 and pad 1; stride 1 and pad "
     "2), and the cache is (A_prev, W, b, hparameters)."):
        ("conv_forward_fast：Z与循环版本逐元素一致（stride 2加pad 1；stride 1加pad 2），cache为(A_prev, W, b, "
         "hparameters)。"),
    ("conv_backward_fast: dA_prev, dW and db match the loop version element by element (overlapping windows "
     "with stride 1; stride 2 and pad 2)."):
        "conv_backward_fast：dA_prev、dW和db与循环版本逐元素一致（步幅为1的重叠窗口；stride 2加pad 2）。",
    ("conv_backward_fast: gradient check against the numeric gradient of the loop conv_forward, relative "
     "error below 1e-6 for dA_prev, dW and db."):
        "conv_backward_fast：与循环版conv_forward的数值梯度对比的梯度检验，dA_prev、dW和db的相对误差都低于1e-6。",
    ('pool_forward_fast: A matches the loop version in "max" and "average" mode (f 3 with stride 2, f 2 with '
     "stride 2), and the cache is (A_prev, hparameters)."):
        ('pool_forward_fast：在"max"和"average"模式下A都与循环版本一致（f 3加stride 2，f 2加stride 2），'
         "cache为(A_prev, hparameters)。"),
    ('pool_backward_fast: dA_prev matches the loop version in "max" (with tied maxima) and "average" mode, '
     "with overlapping (f 2, stride 1) and strided (f 3, stride 2) windows."):
        ('pool_backward_fast：在"max"（有并列的最大值）和"average"模式下，dA_prev都与循环版本一致，'
         "窗口有重叠的（f 2，stride 1），也有带步幅的（f 3，stride 2）。"),
    ("pool_backward_fast: gradient check against the numeric gradient of the loop pool_forward, relative "
     "error below 1e-6 in both modes."):
        "pool_backward_fast：与循环版pool_forward的数值梯度对比的梯度检验，两种模式下相对误差都低于1e-6。",
    ("{function_name}'s cache should be the tuple ({names}), the same as the loop version's, but it is "
     "{cache!r:.80}."):
        "{function_name}的cache应该是元组({names})，与循环版本相同，但它是{cache!r:.80}。",
    "gradient check, {label}":
        "梯度检验，{label}",
    '(A_prev {shape} with tied maxima, f {f}, stride {stride}, mode "{mode}")':
        '（A_prev {shape}，有并列的最大值，f {f}，stride {stride}，模式"{mode}"）',
    ("{name} took {elapsed:.2f} s on a larger input ({label}), more than the {limit:.1f} s it may take: "
     "vectorized code needs about {fast_ms:.0f} ms there. {hint}"):
        "{name}在一个较大的输入上（{label}）用了{elapsed:.2f}秒，超过了允许的{limit:.1f}秒：矢量化的代码在那里大约需要{fast_ms:.0f}毫秒。{hint}",
    ("Loops over the examples and positions take seconds there. Hint: the exercise is to replace the loops of the "
     "earlier notebooks with array operations (sliding windows and a tensordot), with loops at most over the f x f "
     "offsets."):
        ("在样本和位置上循环要花好几秒。提示：这个练习要用数组运算（滑动窗口和tensordot）取代前面笔记本中的循环，"
         "最多只在f x f个偏移上循环。"),
    "{item_name} in {function_name}'s cache":
        "{function_name}的cache中的{item_name}",
    ("{function_name}'s cache holds {item_name} = {got!r:.80}; expected the hparameters it was given, "
     "{given!r}."):
        "{function_name}的cache中{item_name} = {got!r:.80}；应为它收到的hparameters {given!r}。",
    ("a pixel that lies in several windows gets a gradient from each of them: add the contributions of the f "
     "* f offsets (+=), do not assign (=)."):
        "落在多个窗口中的像素会从每个窗口得到梯度：请把f * f个偏移的贡献加起来（+=），不要赋值（=）。",
    ("this is the shape with stride 1: keep only every stride-th window (`windows(A_pad, f, stride)`, not "
     "`windows(A_pad, f, 1)`)."):
        ("这是步幅为1时的形状：只保留每隔stride个的窗口（`windows(A_pad, f, stride)`，而不是`windows(A_pad, f, "
         "1)`）。"),
    "this is the shape without padding: pad A_prev first.":
        "这是没有填充时的形状：请先填充A_prev。",
    "the last axis of Z has one entry per filter, W.shape[3].":
        "Z的最后一个轴每个卷积核一个元素，共W.shape[3]个。",
    ("this is the convolution with the filter's rows and columns swapped: the window axes of `windows(...)` "
     "are (..., rows, cols) = (..., i, j), and they must meet the filter's axes 0 (rows) and 1 (cols) in that "
     "order."):
        ("这是卷积核的行和列互换后的卷积：`windows(...)`的窗口轴是(..., rows, cols) = (..., i, j)，"
         "它们必须按这个顺序对应卷积核的轴0（行）和轴1（列）。"),
    "the bias b is missing: add it once per output value (b broadcasts over m, n_H and n_W).":
        "漏掉了偏置b：每个输出值加一次（b会在m、n_H和n_W上广播）。",
    "this is the padded shape: crop the padding, dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :].":
        "这是填充后的形状：请裁掉填充，dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]。",
    "the filter's rows and columns are swapped: use W[i, j] for the offset (i, j).":
        "卷积核的行和列互换了：偏移(i, j)要用W[i, j]。",
    ("tensordot puts the axes of its first argument first: move the window axes (i, j) in front of the "
     "channel axis, e.g. with .transpose(1, 2, 0, 3)."):
        "tensordot把第一个参数的轴放在前面：请把窗口轴(i, j)移到通道轴之前，例如用.transpose(1, 2, 0, 3)。",
    "dW's rows and columns are swapped: the window axes come as (i, j), rows first.":
        "dW的行和列互换了：窗口轴的顺序是(i, j)，行在前。",
    ("dW was divided by m: the backward pass of one layer sums over the examples, the cost decides about "
     "averaging."):
        "dW被除以了m：单个层的反向传播在样本上求和，是否取平均由损失决定。",
    "db must be summed over the examples too (axes 0, 1 and 2).":
        "db也必须在样本上求和（轴0、1和2）。",
    "reshape db to b's shape (1, 1, 1, n_C).":
        "请把db重塑成b的形状(1, 1, 1, n_C)。",
    "db holds the first example only: sum dZ over the examples, the height and the width (axes 0, 1 and 2).":
        "db只包含第一个样本：请在样本、高和宽上（轴0、1和2）对dZ求和。",
    "db is a mean: it is the sum of dZ.":
        "db是平均值：它应该是dZ的和。",
    ("when several positions of a window tie for the maximum, this course gives the gradient to every one of "
     "them (the mask A_prev == max marks them all, like create_mask_from_window); yours gives it to one."):
        ("当一个窗口中有多个位置并列最大时，本课程把梯度分给其中每一个（掩码A_prev == max会把它们都标出来，"
         "和create_mask_from_window一样）；你的只分给了一个。"),
    "average pooling spreads dA evenly over the f * f positions of the window: divide by f * f.":
        "平均池化把dA平均分配到窗口的f * f个位置上：要除以f * f。",
    "store the {item_name} the function received, unchanged (not padded).":
        "请原样保存函数收到的{item_name}（不要填充）。",
    "this is the shape with stride 1: keep only every stride-th window.":
        "这是步幅为1时的形状：只保留每隔stride个的窗口。",
    ("pooling reduces each window to one number: take the max (or the mean) over the two window axes, the "
     "last two of `windows(...)`."):
        "池化把每个窗口归结为一个数：在两个窗口轴（`windows(...)`的最后两个轴）上取最大值（或平均值）。",
    'this is the "{other}" pooling: look at `mode`.':
        '这是"{other}"池化：请检查`mode`。',
    "this is the sum of each window: average pooling divides it by f * f (np.mean does).":
        "这是每个窗口的和：平均池化要除以f * f（np.mean会这样做）。",
    ("Restore it with `git checkout -- datasets/` from the course folder, or rebuild it from the original "
     "files with `python datasets/make_fashion_mnist.py` (needs Debian's dataset-fashion-mnist package)."):
        ("请在课程文件夹中用`git checkout -- datasets/`恢复它，或用`python "
         "datasets/make_fashion_mnist.py`从原始文件重新生成（需要Debian的dataset-fashion-mnist包）。"),
    ("Cannot find the course's dataset file {file}. Looked in: {folders} and the folders above. Set "
     "{variable} to the folder holding it, or run from inside the course repository. {hint}"):
        ("找不到课程的数据集文件{file}。查找过：{folders}及其上层文件夹。请把{variable}设为存放它的文件夹，"
         "或在课程仓库内运行。{hint}"),
    "Dataset file {path} is missing. {hint}":
        "数据集文件{path}不存在。{hint}",
    "convert_to_one_hot: labels must lie in 0..{largest}, got values from {labels_min} to {labels_max}":
        "convert_to_one_hot：标签必须在0..{largest}之间，实际取值从{labels_min}到{labels_max}",
    "random_mini_batches: X must have shape (m, n_H, n_W, n_C), got shape {X_shape}":
        "random_mini_batches：X的形状必须是(m, n_H, n_W, n_C)，实际为{X_shape}",
    "random_mini_batches: mini_batch_size must be at least 1, got {mini_batch_size}":
        "random_mini_batches：mini_batch_size至少为1，实际为{mini_batch_size}",
    "it is a Git LFS pointer, not the data":
        "它是Git LFS指针文件，不是数据",
    "Dataset file {path} is damaged ({reason}). {hint}":
        "数据集文件{path}已损坏（{reason}）。{hint}",
    "random_mini_batches: X holds {m} examples but Y has shape {Y_shape}; expected ({m}, ...) or (C, {m})":
        "random_mini_batches：X有{m}个样本，但Y的形状是{Y_shape}；应为({m}, ...)或(C, {m})",
    ("{mark} {name}: relative error {relative_error:.2e} (tolerance {tolerance:.0e}); worst at index "
     "{worst_index}: analytic {analytic:.8g}, numeric {numeric:.8g}"):
        ("{mark} {name}：相对误差{relative_error:.2e}（容差{tolerance:.0e}）；最差处在索引{worst_index}："
         "解析梯度{analytic:.8g}，数值梯度{numeric:.8g}"),
    "numeric_gradient: x must be a float array to be nudged by h, got dtype {np_asarray_x_dtype}":
        "numeric_gradient：x必须是浮点数组才能按h微调，实际dtype为{np_asarray_x_dtype}",
    ("{name}: the analytic gradient has shape {analytic_shape} but the numeric one has shape {numeric_shape}; "
     "a gradient must have the shape of the variable it belongs to"):
        ("{name}：解析梯度的形状是{analytic_shape}，而数值梯度的形状是{numeric_shape}；"
         "梯度的形状必须与它所属的变量相同"),
    ("conv2d_forward: x has {C_prev} channels (shape {x_shape}) but w expects {w_shape_2} (shape {w_shape}); "
     "w must be (f, f, C_prev, C)"):
        ("conv2d_forward：x有{C_prev}个通道（形状{x_shape}），但w需要{w_shape_2}个（形状{w_shape}）；w必须是(f, "
         "f, C_prev, C)"),
    "save_parameters: parameters must be a non-empty dict of arrays, got {parameters_type}":
        "save_parameters：parameters必须是由数组组成的非空字典，实际为{parameters_type}",
    ("load_parameters: no saved parameters at {path}. Train the model and call save_parameters first, or "
     "check the file name."):
        "load_parameters：{path}处没有保存的参数。请先训练模型并调用save_parameters，或检查文件名。",
    "save_parameters: parameter names must be identifiers such as 'W1', got {name!r}":
        "save_parameters：参数名必须是像'W1'这样的标识符，实际为{name!r}",
    "save_parameters: parameter {name!r} is not an array of numbers":
        "save_parameters：参数{name!r}不是数值数组",
    "step":
        "步",
    "original {n_H}x{n_W}":
        "原图{n_H}x{n_W}",
    "zero-padded, pad={pad}: {n_H}x{n_W}\n(tinted: the {added} added zeros)":
        "零填充，pad={pad}：{n_H}x{n_W}\n（着色部分：新增的{added}个零）",
    "image":
        "图像",
    "image shifted by {shift}":
        "平移{shift}后的图像",
    "output of the image":
        "图像的输出",
    "output of the shifted image\n= the output, shifted by {shift}":
        "平移后图像的输出\n=输出平移{shift}",
    "input {n_H}x{n_W}, f={f}, stride={stride}":
        "输入{n_H}x{n_W}，f={f}，stride={stride}",
    "forward input A_prev":
        "前向传播的输入A_prev",
    "upstream gradient dA":
        "上游梯度dA",
    "dA_prev, max pooling":
        "dA_prev，最大池化",
    "dA_prev, average pooling":
        "dA_prev，平均池化",
    "f = {f}, stride = {stride}: pixel {shared} (red) lies in {count} windows, so it appears in {count} rows":
        "f = {f}，stride = {stride}：像素{shared}（红色）位于{count}个窗口中，所以它出现在{count}行中",
    "loops vs vectorized":
        "循环与矢量化",
    "time per call (ms, log scale)":
        "每次调用的时间（毫秒，对数刻度）",
    "confusion matrix (rows: true class, columns: predicted)":
        "混淆矩阵（行：真实类别，列：预测类别）",
    "predicted class":
        "预测类别",
    "true class":
        "真实类别",
    "the kernel must be square with an odd size, got shape {kernel_shape}":
        "卷积核必须是边长为奇数的正方形，实际形状为{kernel_shape}",
    "max pooling":
        "最大池化",
    "average pooling":
        "平均池化",
    "image {n}x{n} (pixel numbers)":
        "图像{n}x{n}（像素编号）",
    "im2col: {windows} windows x {pixels} pixels":
        "im2col：{windows}个窗口×{pixels}个像素",
    "window ({h}, {w})":
        "窗口({h}, {w})",
    "loops (cnn_utils.reference)":
        "循环（cnn_utils.reference）",
    "vectorized (yours)":
        "矢量化（你的）",
    "epoch":
        "迭代周期",
    "training loss":
        "训练损失",
    "training accuracy":
        "训练精度",
    "{true_class} taken for {predicted_class}":
        "{true_class}被误认为{predicted_class}",
    "(This figure is drawn in your own Jupyter; it is left out while the notebook is graded.)":
        "（这张图在你自己的Jupyter中绘制；笔记本评分时不绘制。）",
    "one mini-batch":
        "单个小批量",
    "test accuracy {test_accuracy:.1%}":
        "测试精度{test_accuracy:.1%}",
    "average of {window} steps":
        "{window}步的平均值",
    ("this cell was still running after {timeout} seconds, the time limit for one cell, and was interrupted. "
     "Look for a loop that never ends (a while loop whose condition never changes?) or for code far slower "
     "than it needs to be."):
        ("这个单元格运行了{timeout}秒（单个单元格的时间上限）仍未结束，已被中断。"
         "请查找永不结束的循环（条件从不改变的while循环？）或比应有速度慢得多的代码。"),
    ("not run: the notebook used up its time budget of {time_budget} seconds (its cells, replays after "
     "crashes and tests together). Exercises judged before keep their points."):
        ("未运行：这个笔记本用完了{time_budget}秒的时间预算（单元格、崩溃后的重新运行和测试合计）。"
         "之前已评判的练习保留得分。"),
    ("not run: the kernel died or hung {times} times in this notebook, so the grader stopped running it. "
     "Exercises judged before the first crash keep their points."):
        ("未运行：内核在这个笔记本中崩溃或卡死了{times}次，所以评分程序停止了运行。"
         "第一次崩溃之前已评判的练习保留得分。"),
    "not run: the grader could not start a new kernel after a crash ({error}).":
        "未运行：崩溃之后评分程序无法启动新的内核（{error}）。",
    "no answer from the kernel{error}":
        "内核没有应答{error}",
    "the answer is larger than the grader reads":
        "应答超出了评分程序读取的大小",
    ("the kernel died while running this cell: Python stopped at once, without an error message. This happens "
     "with os._exit(), a crash inside compiled code (a segmentation fault), or when the kernel is killed for "
     "using too much memory. The grader started a new kernel, re-ran the earlier cells and went on with the "
     "next cell, but whatever this cell would have defined is missing."):
        ("内核在运行这个单元格时崩溃了：Python立即停止，没有任何错误消息。os._exit()、编译代码内部的崩溃（段错误）"
         "，或内核因占用过多内存被终止时都会这样。评分程序启动了新的内核，"
         "重新运行了前面的单元格并继续运行下一个单元格，但这个单元格本应定义的东西都缺失了。"),
    ("this cell was still running after {timeout} seconds, the time limit for one cell, and did not stop when "
     "interrupted (does a loop catch KeyboardInterrupt, or use a bare `except:`?). The grader stopped the "
     "kernel, started a new one, re-ran the earlier cells and went on with the next cell."):
        ("这个单元格运行了{timeout}秒（单个单元格的时间上限）仍未结束，"
         "而且中断后也没有停止（是否有循环捕获了KeyboardInterrupt，或者用了不带类型的`except:`？）。"
         "评分程序停止了这个内核，启动了新的内核，重新运行了前面的单元格并继续运行下一个单元格。"),
    "the grader could not run this cell ({error_type}: {reason}); the next cells were run as usual.":
        "评分程序无法运行这个单元格（{error_type}：{reason}）；后面的单元格照常运行了。",
    "the answer is not JSON":
        "应答不是JSON",
    "[output cut: this cell printed more than {output_limit} KiB; the grader kept the first part]\n":
        "[输出被截断：这个单元格输出了超过{output_limit} KiB；评分程序保留了前面的部分]\n",
    "cell {number}":
        "单元格{number}",
    " in {where}":
        "，位于{where}",
    "not run{at}: the kernel had died too often before it":
        "未运行{at}：在它之前内核崩溃次数过多",
    "NotImplementedError: an exercise this cell uses is not written yet":
        "NotImplementedError：这个单元格用到的一个练习还没有写",
    "cell {number} ({grade_id})":
        "单元格{number}（{grade_id}）",
    "cell {number} (exercise {grade_id})":
        "单元格{number}（练习{grade_id}）",
    "{points:g} points":
        "{points:g}分",
    "kernel died{at}":
        "内核崩溃{at}",
    "the kernel died while running it":
        "运行它时内核崩溃了",
    "timed out{at}: {reason}":
        "超时{at}：{reason}",
    "ran out of memory{at} (MemoryError)":
        "内存不足{at}（MemoryError）",
    "{passed} of {tests} checks pass: ready to submit.":
        "{tests}项检查中通过了{passed}项：可以提交了。",
    ("{passed} of {tests} checks pass. Fix the lines marked ✘, then run this again. (Hidden tests run when "
     "your notebook is graded.)"):
        "{tests}项检查中通过了{passed}项。请修正标有✘的行，然后再运行一次。（笔记本评分时还会运行隐藏测试。）",
    "Running {notebook} from top to bottom in a fresh kernel, as the grader does ...":
        "正在像评分程序那样，在新的内核中从头到尾运行{notebook}……",
    "ran out of memory{at} (MemoryError: {evalue})":
        "内存不足{at}（MemoryError：{evalue}）",
    "✘ {path}: no such file":
        "✘ {path}：文件不存在",
    ("✘ exercise {grade_id}: still contains `raise NotImplementedError()`: write your code and delete that "
     "line"):
        "✘ 练习{grade_id}：仍然包含`raise NotImplementedError()`：请写好你的代码并删除这一行",
    ("the kernel died while the grader ran this test: Python stopped at once, without an error message "
     "(os._exit(), a crash inside compiled code, or too much memory). The grader started a new kernel, re-ran "
     "the notebook's cells and went on with the next test."):
        ("评分程序运行这个测试时内核崩溃了：Python立即停止，没有任何错误消息（os._exit()、编译代码内部的崩溃，"
         "或占用过多内存）。评分程序启动了新的内核，重新运行了笔记本的单元格，并继续进行下一个测试。"),
    ("the function under test was still running when the time limit for one test ran out. Look for a loop "
     "that never ends, or for code far slower than it needs to be."):
        "单个测试的时间上限到了，被测函数仍在运行。请查找永不结束的循环，或比应有速度慢得多的代码。",
    ("the grader could not read what your code returned ({error}). Return NumPy arrays, numbers, or tuples, "
     "lists and dicts of them, and leave the notebook's display machinery alone."):
        ("评分程序无法读取你的代码返回的结果（{error}）。请返回NumPy数组、数，或由它们组成的元组、列表和字典，"
         "不要改动笔记本的显示机制。"),
    "a name the test uses":
        "测试用到的一个名称",
    ("{name} is not defined in the notebook. Run the cell that defines it, and keep the name the exercise "
     "gives it."):
        "笔记本中没有定义{name}。请运行定义它的单元格，并保留练习给它起的名字。",
    "{function} is not written yet: replace `raise NotImplementedError()` with your code.":
        "{function}还没有写：把`raise NotImplementedError()`换成你的代码。",
    "your code":
        "你的代码",
    "a function this test uses":
        "这个测试用到的一个函数",
    "{function} raised {error}: {message} (at {where})": "{function}抛出了{error}：{message}（位置：{where}）",
    "{function} raised {error}: {message}": "{function}抛出了{error}：{message}",
}

# Fashion-MNIST's class names as the figures show them (the dataset keeps its English names)
CLASS_NAMES = {
    "T-shirt/top": "T恤", "Trouser": "裤子", "Pullover": "套衫", "Dress": "连衣裙", "Coat": "外套",
    "Sandal": "凉鞋", "Shirt": "衬衫", "Sneaker": "运动鞋", "Bag": "包", "Ankle boot": "短靴",
}
