// Library defaults: a user's partial settings merged over a component's defaults, and args with their defaults decided.

/** `T` with the optional keys `K` decided (their defaults applied). */
export type Defaulted<T, K extends keyof T> = T & { readonly [P in K]-?: Exclude<T[P], undefined> };

/** `given` over `defaults`, key by key (one level); a key absent or given as `undefined` keeps its default. */
export function withDefaults<T extends object>(defaults: T, given: Partial<T> | undefined): T {
    const set = Object.entries(given ?? {}).filter(([, value]) => value !== undefined);
    return { ...defaults, ...Object.fromEntries(set) } as T;
}
