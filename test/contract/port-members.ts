/**
 * The members of a port interface, read with the TypeScript compiler (so inherited members and members
 * reached through a type alias count), and which of them no contract test exercises.
 *
 * The rule a contract test file must meet for a member to count as exercised:
 * - a method `m` of the interface: the text `.m(` (or `.m<` for an explicit type argument) appears;
 * - a property `p` whose type is itself an interface (the sync side, `Store.sync`): each of that
 *   interface's members counts on its own, as `p.n(` for a method and `p.n` for a property;
 * - any other property `p`: the text `.p` as a whole word appears.
 * A text match, not a call graph: it cannot tell a call from a comment, so a test must not name a member
 * it does not exercise, and the suite's reviewers read the tests. What it does catch for certain is a
 * member added to the port that no contract test file names at all.
 */
import ts from 'typescript';

export interface PortMember {
  /** The member's name, and the nested member's name when reached through an interface-typed property. */
  path: string[];
  method: boolean;
}

function typeOf(checker: ts.TypeChecker, symbol: ts.Symbol, at: ts.Node): ts.Type {
  return checker.getTypeOfSymbolAtLocation(symbol, at);
}

/** An interface-typed property (not callable, itself declared as an interface): its members are listed apart. */
function nestedInterface(type: ts.Type): boolean {
  const symbolFlags = type.symbol?.flags ?? 0;
  return type.getCallSignatures().length === 0 && (type.flags & ts.TypeFlags.Object) !== 0 && (symbolFlags & ts.SymbolFlags.Interface) !== 0;
}

/** Every member of `interfaceName` declared (or re-exported) in `file`, with the members of its interface-typed properties. */
export function portMembers(file: string, interfaceName: string): PortMember[] {
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, types: [], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`cannot read ${file}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const exported = moduleSymbol ? checker.getExportsOfModule(moduleSymbol).find((s) => s.name === interfaceName) : undefined;
  if (!exported) throw new Error(`${file} exports no ${interfaceName}`);
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  const out: PortMember[] = [];
  for (const property of checker.getPropertiesOfType(type)) {
    const propertyType = typeOf(checker, property, source);
    if (nestedInterface(propertyType)) {
      for (const inner of checker.getPropertiesOfType(propertyType)) {
        out.push({ path: [property.name, inner.name], method: typeOf(checker, inner, source).getCallSignatures().length > 0 });
      }
    } else {
      out.push({ path: [property.name], method: propertyType.getCallSignatures().length > 0 });
    }
  }
  return out;
}

const escape = (name: string) => name.replace(/[$]/g, '\\$');

/** The text a contract test file must hold for the member to count as exercised (see the rule above). */
export function usagePattern(member: PortMember): RegExp {
  const [first, second] = member.path.map(escape);
  const name = second === undefined ? `\\.${first}` : `\\b${first}\\.${second}`;
  return new RegExp(member.method ? `${name}\\s*[(<]` : `${name}\\b`);
}

/** The members (as `a` or `a.b`) no text of `testTexts` exercises, in the interface's order. */
export function uncoveredMembers(members: readonly PortMember[], testTexts: readonly string[]): string[] {
  return members.filter((m) => !testTexts.some((text) => usagePattern(m).test(text))).map((m) => m.path.join('.'));
}
