// Prints vitest's JSON report as the one line CI reads: "N passed, N failed".
// Exits non-zero when the report is missing or counts no test, so an empty run is never green.
import { readFileSync } from 'node:fs';

const path = process.argv[2] ?? 'reports/vitest.json';
interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests?: number;
  numTotalTests: number;
}
let report: Report;
try {
  report = JSON.parse(readFileSync(path, 'utf8')) as Report;
} catch {
  console.log(`no test report at ${path}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const skipped = report.numPendingTests ? `, ${report.numPendingTests} skipped` : '';
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped}`);
process.exitCode = report.numTotalTests > 0 && report.numFailedTests === 0 ? 0 : 1;
