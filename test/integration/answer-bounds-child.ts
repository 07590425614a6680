// Reads one answer of exactly MAX_ANSWER_BYTES through the real transfer and prints its peak memory.
import { readFileSync } from 'node:fs';
import { transfer, DEFAULT_TIMEOUTS } from '../../src-main/core/wolkvox/transfer';

/** This process's peak resident memory (VmHWM: per address space, unlike getrusage's, which a fork inherits). */
const peakMb = () => Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024);

const url = process.argv[2]!;
const baselineRssMb = peakMb();
const answer = await transfer(fetch, { url, headers: {}, host: new URL(url).host }, DEFAULT_TIMEOUTS);
const peakRssMb = peakMb();
process.stdout.write(JSON.stringify({ bytes: answer.body.byteLength, peakRssMb, baselineRssMb }));
