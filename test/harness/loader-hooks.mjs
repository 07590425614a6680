// Node module hooks (module.register) for the harness: the bare specifier 'electron', imported by the built
// main process, resolves to the stand-in; everything else resolves as usual.
let electronUrl = null;

export async function initialize(data) {
  electronUrl = data.electronUrl;
}

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: electronUrl, shortCircuit: true };
  return next(specifier, context);
}
