// Marks `plain: true` on the object-type properties the TypeScript declares plain. Pulumi's analyzer keeps the first
// occurrence of a type: one first met among a component's outputs (KindCluster's `network`) loses the plainness the
// components' inputs rely on (the CIDRs and the endpoint are read at construction), and SDKs would then take Outputs.
import * as fs from "fs";
import * as path from "path";
import type * as ts from "typescript";
import { PackageSchema } from "./schema-secrets";

/** Property names declared plain (not `Input<…>` / `Output<…>`) per interface, with the interfaces it extends. */
interface DeclaredInterface {
    /** Plain property names declared in the interface itself. */
    readonly plain: readonly string[];
    /** Names of the interfaces it extends. */
    readonly bases: readonly string[];
}

/** A copy of `schema` whose object types mark `plain: true` where the interface of that name (under `sourceDir`) is plain. */
export async function markPlainFields(schema: PackageSchema, sourceDir: string): Promise<PackageSchema> {
    const typescript = await import("typescript");
    const declared = declaredInterfaces(typescript, sourceDir);
    const marked = JSON.parse(JSON.stringify(schema)) as PackageSchema;
    for (const [token, type] of Object.entries(marked.types)) {
        const name = (token.split(":").pop() ?? "").replace(/^(Partial|Required)(?=[A-Z])/, "");
        for (const field of plainFieldsOf(name, declared)) {
            const property = type.properties?.[field];
            if (property !== undefined) {
                property.plain = true;
            }
        }
    }
    return marked;
}

/** The plain fields of interface `name`, its bases' included. */
function plainFieldsOf(name: string, declared: ReadonlyMap<string, DeclaredInterface>, seen = new Set<string>()): string[] {
    const found = declared.get(name);
    if (found === undefined || seen.has(name)) {
        return [];
    }
    seen.add(name);
    return [...found.plain, ...found.bases.flatMap((base) => plainFieldsOf(base, declared, seen))];
}

/** Every exported interface under `dir` (its plain fields and bases), by name. */
function declaredInterfaces(typescript: typeof ts, dir: string): Map<string, DeclaredInterface> {
    const interfaces = new Map<string, DeclaredInterface>();
    const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"));
    for (const file of files) {
        const source = typescript.createSourceFile(
            file,
            fs.readFileSync(path.join(dir, file), "utf8"),
            typescript.ScriptTarget.Latest,
            true,
        );
        for (const statement of source.statements) {
            if (typescript.isInterfaceDeclaration(statement)) {
                interfaces.set(statement.name.text, describe(typescript, statement));
            }
        }
    }
    return interfaces;
}

function describe(typescript: typeof ts, declaration: ts.InterfaceDeclaration): DeclaredInterface {
    const plain = declaration.members
        .filter((member): member is ts.PropertySignature => typescript.isPropertySignature(member) && member.type !== undefined)
        .filter((member) => !/^(pulumi\.)?(Input|Output)</.test(member.type?.getText() ?? ""))
        .map((member) => member.name.getText());
    const bases = (declaration.heritageClauses ?? []).flatMap((clause) => clause.types.map((base) => base.expression.getText()));
    return { plain, bases };
}
