// The TypeScript examples of the library pages (docs/library.md, docs/library/*.md): each code block that imports the
// package is a whole program, which test/public-api.test.ts type-checks against the packed package under strict.
import * as fs from "fs";
import * as path from "path";

/** One example: where it is written and its text. */
export interface DocExample {
    /** `docs/library/cilium.md#2` (the page and the example's number on it). */
    readonly where: string;
    /** The code block's text. */
    readonly source: string;
}

/** Every ```ts / ```typescript block of the library pages that imports `packageName`. */
export function libraryExamples(root: string, packageName: string): DocExample[] {
    const pages = [
        path.join("docs", "library.md"),
        ...fs.readdirSync(path.join(root, "docs", "library")).map((file) => path.join("docs", "library", file)),
    ].filter((file) => file.endsWith(".md"));
    return pages.flatMap((page) => {
        const text = fs.readFileSync(path.join(root, page), "utf8");
        const blocks = [...text.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```/gm)].map((match) => match[1]);
        return blocks
            .map((source, index) => ({ where: `${page}#${index + 1}`, source }))
            .filter((example) => example.source.includes(`from "${packageName}"`));
    });
}

/** Writes each example as a module of its own in `dir`; returns the file names, in order. */
export function writeLibraryExamples(dir: string, examples: readonly DocExample[]): string[] {
    return examples.map((example, index) => {
        const file = `library-example-${index + 1}.ts`;
        fs.writeFileSync(path.join(dir, file), `// ${example.where}\n${example.source}\nexport {};\n`);
        return file;
    });
}
