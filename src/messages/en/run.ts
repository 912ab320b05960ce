// What every run says, whatever its operation: how an error reads, a cancel, the command's own headings.
export const run = {
  'run.invalid_inputs': 'Invalid inputs:\n{problems}',
  'run.hint': 'Hint: {hint}',
  'run.hint_link': '{hint} ({link})',
  'run.two_hints': '{first}; {then}',
  'run.unexpected': 'Unexpected error: {error}',
  'run.cancelled': 'Cancelled ({signal})',
  'run.unknown': 'unknown',
  'run.outcome_unknown': 'outcome unknown: {message}',
  // The terminal (the command)
  'run.warning_label': 'warning:',
  'run.error_label': 'error:',
  'run.summary_heading': 'Summary',
  'run.outputs_heading': 'Outputs',
  'run.output_shortened': '… ({length} characters; --json shows it whole)',
} as const;
