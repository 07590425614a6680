// Moved to src-main/core/api/contract.ts (the contract's neutral home). This re-export keeps work in flight
// compiling for this session and goes before the session ends.
export * from '../src-main/core/api/contract';
