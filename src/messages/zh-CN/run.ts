import type { run as en } from '../en/run.ts';
import type { Translation } from '../messages.ts';

export const run: Translation<typeof en> = {
  'run.invalid_inputs': '输入有误：\n{problems}',
  'run.hint': '提示：{hint}',
  'run.hint_link': '{hint}（详见 {link}）',
  'run.two_hints': '{first}；{then}',
  'run.unexpected': '意外错误：{error}',
  'run.cancelled': '已取消（{signal}）',
  'run.unknown': '未知',
  'run.outcome_unknown': '结果未知：{message}',
  'run.warning_label': '警告:',
  'run.error_label': '错误:',
  'run.summary_heading': '摘要',
  'run.outputs_heading': '输出',
  'run.output_shortened': '…（共 {length} 个字符；--json 会完整显示）',
};
