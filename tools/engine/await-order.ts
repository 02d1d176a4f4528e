// When a resource can start: after its dependencies are done and its parent could start; a component is done with its children.
//
// The Pulumi SDK registers a resource only once every dependency's registration has returned (a custom
// resource's after its create and await; a remote component's, such as a yaml/v2 ConfigGroup, after all of its
// children: `@pulumi/pulumi` runtime/dependsOn.js "Remote components will always wait on all of their
// children"), and a child only once its parent is registered, so a child cannot start before its parent's
// dependencies are done. Depending on a local component is recorded as depending on its descendants.
import { AwaitNode } from "./await-nodes";

/** A state of a node: `2 * id` is "started", `2 * id + 1` is "done". */
type State = number;
const started = (id: number): State => 2 * id;
const done = (id: number): State => 2 * id + 1;

/**
 * Answers "can X start before Y is done?". States are numbered once in a topological order of their
 * prerequisites; a query walks X's prerequisites back only as far as Y's number, so it costs what lies between
 * them, not the whole graph (the benchmark's 12,500 resources stay fast).
 */
export class Ordering {
    private readonly pre: readonly (readonly State[])[];
    private readonly position: Int32Array;
    private readonly mark: Int32Array;
    private query = 0;

    constructor(nodes: readonly AwaitNode[]) {
        this.pre = prerequisites(nodes);
        this.position = topologicalPositions(this.pre);
        this.mark = new Int32Array(this.pre.length);
    }

    /** True when `later` cannot start until `earlier` is done (it depends on it, directly or not). */
    waitsFor(later: number, earlier: number): boolean {
        const target = done(earlier);
        const floor = this.position[target];
        const query = ++this.query;
        const stack: State[] = [started(later)];
        while (stack.length > 0) {
            const state = stack.pop() as State;
            if (state === target) {
                return true;
            }
            for (const pre of this.pre[state]) {
                if (this.position[pre] >= floor && this.mark[pre] !== query) {
                    this.mark[pre] = query;
                    stack.push(pre);
                }
            }
        }
        return false;
    }
}

/** What must hold before each state: a start needs its dependencies done and its parent started; done needs started and children done. */
function prerequisites(nodes: readonly AwaitNode[]): State[][] {
    const pre: State[][] = [];
    for (const node of nodes) {
        pre.push([...node.deps.map(done), ...(node.parent === null ? [] : [started(node.parent)])], [started(node.id)]);
    }
    for (const node of nodes) {
        if (node.parent !== null) {
            pre[done(node.parent)].push(done(node.id));
        }
    }
    return pre;
}

/** Post-order numbers (prerequisites first), iteratively; a cycle, which Pulumi itself rejects, is cut where found. */
function topologicalPositions(pre: readonly (readonly State[])[]): Int32Array {
    const position = new Int32Array(pre.length).fill(-1);
    const entered = new Uint8Array(pre.length);
    let next = 0;
    const stack: State[] = [];
    for (let root = 0; root < pre.length; root++) {
        stack.push(root);
        while (stack.length > 0) {
            const state = stack[stack.length - 1];
            if (position[state] >= 0) {
                stack.pop();
            } else if (entered[state]) {
                position[state] = next++;
                stack.pop();
            } else {
                entered[state] = 1;
                for (const prerequisite of pre[state]) {
                    if (!entered[prerequisite]) {
                        stack.push(prerequisite);
                    }
                }
            }
        }
    }
    return position;
}
