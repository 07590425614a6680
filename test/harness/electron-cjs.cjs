/* global module */
// What require('electron') gives CommonJS code under the harness (electron-updater, for one): the same
// stand-in objects as the ESM import. main-process.ts resolves 'electron' here.
const electron = globalThis[Symbol.for('wolkvox.harness.electron')];
if (!electron) throw new Error('stand-in electron: loaded outside the harness (start it with test/harness/main-process.ts)');
module.exports = electron;
