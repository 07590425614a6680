// A node:test reporter that prints nothing: it records every test's outcome (file, name, skip reason,
// failure) into the JSON file named by WOLKVOX_TEST_RESULTS, so that scripts/run-tests.mjs can print one
// summary after everything around the test run (D-Bus session, keyring) has gone quiet.
import { writeFileSync } from 'node:fs';

function describe(error, data) {
  const text = String(error.cause?.message ?? error.message ?? error).split('\n')[0].slice(0, 300);
  // The test that stands for a whole file fails with only 'test failed' when the file crashed or exited.
  if (data.name === data.file && error.failureType === 'testCodeFailure' && text === 'test failed') {
    return `the file itself failed (exit ${error.exitCode ?? '?'}${error.signal ? `, ${error.signal}` : ''}): see its output above`;
  }
  return text;
}

export default async function* summaryReporter(source) {
  const results = [];
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data;
    // Suites (describe) are counted through their tests; a file that fails to load has no type and counts.
    // A failed suite is kept (not counted) because its error, often a failed hook, is why its tests failed.
    const suite = data.details?.type === 'suite';
    if (suite && event.type === 'test:pass') continue;
    const error = data.details?.error;
    results.push({
      file: data.file ?? null,
      name: data.name,
      nesting: data.nesting,
      outcome: suite ? 'suite' : event.type === 'test:fail' ? 'fail' : data.skip !== undefined ? 'skip' : data.todo !== undefined ? 'todo' : 'pass',
      reason: typeof data.skip === 'string' ? data.skip : typeof data.todo === 'string' ? data.todo : null,
      error: error ? describe(error, data) : null,
      ms: data.details?.duration_ms ?? 0,
    });
  }
  if (process.env.WOLKVOX_TEST_RESULTS) writeFileSync(process.env.WOLKVOX_TEST_RESULTS, JSON.stringify(results));
  yield '';
}
