// The subset of kubectl's JSONPath templates the gate scripts use, evaluated the way `kubectl get -o jsonpath` does:
// missing keys print nothing (kubectl sets AllowMissingKeys), several results are joined by one space, `range`/`end`
// iterate, string literals print as written. Written from k8s.io/client-go/util/jsonpath (parser.go, jsonpath.go).

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type Segment =
    | { kind: "key"; key: string }
    | { kind: "all" }
    | { kind: "index"; index: number }
    | { kind: "filter"; path: Segment[]; op?: "==" | "!="; value?: string };

type Node = { kind: "text"; text: string } | { kind: "path"; path: Segment[] } | { kind: "range"; path: Segment[]; body: Node[] };

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
    typeof value === "object" && value !== null && !Array.isArray(value);

/** Parses `.a.b[*].c`, `[0]`, `[?(@.type=="Ready")]` and `\.`-escaped keys. */
function parsePath(text: string): Segment[] {
    const segments: Segment[] = [];
    let i = text.startsWith("@") || text.startsWith("$") ? 1 : 0;
    while (i < text.length) {
        if (text[i] === ".") {
            let key = "";
            i++;
            while (i < text.length && text[i] !== "." && text[i] !== "[") {
                if (text[i] === "\\" && i + 1 < text.length) {
                    i++;
                }
                key += text[i++];
            }
            if (key !== "") {
                segments.push({ kind: "key", key });
            }
        } else if (text[i] === "[") {
            const close = text.indexOf("]", i);
            const inner = text.slice(i + 1, close);
            i = close + 1;
            if (inner === "*") {
                segments.push({ kind: "all" });
            } else if (inner.startsWith("?(")) {
                const match = /^\?\((@[^=!]*?)\s*(?:(==|!=)\s*["']([^"']*)["'])?\)$/.exec(inner);
                if (!match) {
                    throw new Error(`fake jsonpath: unsupported filter [${inner}]`);
                }
                segments.push({ kind: "filter", path: parsePath(match[1]), op: match[2] as "==" | "!=" | undefined, value: match[3] });
            } else {
                segments.push({ kind: "index", index: Number(inner) });
            }
        } else {
            throw new Error(`fake jsonpath: cannot parse ${text}`);
        }
    }
    return segments;
}

function step(values: Json[], segment: Segment): Json[] {
    return values.flatMap((value): Json[] => {
        switch (segment.kind) {
            case "key":
                return isObject(value) && segment.key in value ? [value[segment.key]] : [];
            case "all":
                return Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [];
            case "index":
                return Array.isArray(value) && value[segment.index] !== undefined ? [value[segment.index]] : [];
            case "filter":
                return Array.isArray(value)
                    ? value.filter((item) => {
                          const found = evaluate(item, segment.path);
                          if (segment.op === undefined) {
                              return found.length > 0;
                          }
                          const equal = found.some((entry) => String(entry) === segment.value);
                          return segment.op === "==" ? equal : !equal;
                      })
                    : [];
        }
    });
}

/** Every value a path reaches from `root`. */
export function evaluate(root: Json, path: Segment[]): Json[] {
    return path.reduce<Json[]>((values, segment) => step(values, segment), [root]);
}

function literal(text: string): string {
    return text
        .slice(1, -1)
        .replace(/\\(.)/g, (_, char: string) => (({ n: "\n", t: "\t", r: "\r" }) as Record<string, string>)[char] ?? char);
}

/** Parses a template into nodes (text, paths, range blocks). */
function parseTemplate(template: string): Node[] {
    const root: Node[] = [];
    const stack: Node[][] = [root];
    const ranges: { path: Segment[]; body: Node[] }[] = [];
    let i = 0;
    while (i < template.length) {
        const open = template.indexOf("{", i);
        if (open < 0) {
            stack[stack.length - 1].push({ kind: "text", text: template.slice(i) });
            break;
        }
        if (open > i) {
            stack[stack.length - 1].push({ kind: "text", text: template.slice(i, open) });
        }
        let close = open + 1;
        let quoted = false;
        while (close < template.length && (quoted || template[close] !== "}")) {
            if (template[close] === "\\") {
                close++;
            } else if (template[close] === '"') {
                quoted = !quoted;
            }
            close++;
        }
        const action = template.slice(open + 1, close).trim();
        i = close + 1;
        if (action.startsWith("range ")) {
            const range = { path: parsePath(action.slice(6).trim()), body: [] as Node[] };
            ranges.push(range);
            stack.push(range.body);
        } else if (action === "end") {
            const range = ranges.pop()!;
            stack.pop();
            stack[stack.length - 1].push({ kind: "range", ...range });
        } else if (action.startsWith('"')) {
            stack[stack.length - 1].push({ kind: "text", text: literal(action) });
        } else {
            stack[stack.length - 1].push({ kind: "path", path: parsePath(action) });
        }
    }
    return root;
}

const show = (value: Json): string => (typeof value === "string" ? value : JSON.stringify(value));

function render(nodes: Node[], data: Json): string {
    return nodes
        .map((node) => {
            switch (node.kind) {
                case "text":
                    return node.text;
                case "path":
                    return evaluate(data, node.path).map(show).join(" ");
                case "range":
                    return evaluate(data, node.path)
                        .map((item) => render(node.body, item))
                        .join("");
            }
        })
        .join("");
}

/** `kubectl get -o jsonpath=<template>` output for `data`. */
export function jsonpath(template: string, data: Json): string {
    return render(parseTemplate(template), data);
}
