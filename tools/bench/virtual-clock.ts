// A discrete-event clock for the benchmark: simulated waits end in time order, and time only advances
// when the program is idle, so the makespan reflects the dependency graph and the SDK, not CPU speed.

interface Sleeper {
    readonly at: number;
    readonly seq: number;
    readonly wake: () => void;
}

/**
 * Ticks without activity after which the program counts as idle (microtasks drain before each tick). Three were too
 * few on Node 22 with @pulumi/pulumi 3.276: a registration that waits on a local Command took more, and the clock
 * jumped past it (a 60 s phantom on antrea-lab); eight leaves a margin at no measurable cost.
 */
const IDLE_TICKS = 8;

/** Virtual time in simulated seconds. */
export class VirtualClock {
    private current = 0;
    private sleepers: Sleeper[] = [];
    private sequence = 0;
    private activity = 0;
    private ticking = false;
    private inFlight = 0;

    /** Current virtual time, seconds. */
    get now(): number {
        return this.current;
    }

    /** Records program activity (a registration), which postpones advancing the clock. */
    touch(): void {
        this.activity++;
    }

    /**
     * Holds the clock while `work` runs: real asynchronous work (e.g. WebCrypto signing in the thread pool)
     * is not idleness, so no virtual time passes until it settles.
     */
    hold(work: Promise<unknown>): void {
        this.inFlight++;
        const release = () => {
            this.inFlight--;
            this.touch();
        };
        work.then(release, release);
    }

    /** Resolves after `seconds` of virtual time. */
    sleep(seconds: number): Promise<void> {
        this.touch();
        return new Promise((wake) => {
            this.sleepers.push({ at: this.current + seconds, seq: this.sequence++, wake });
            this.schedule(this.activity, 0);
        });
    }

    private schedule(seen: number, idle: number): void {
        if (this.ticking) {
            return;
        }
        this.ticking = true;
        setImmediate(() => {
            this.ticking = false;
            this.tick(seen, idle);
        });
    }

    private tick(seen: number, idle: number): void {
        if (this.sleepers.length === 0) {
            return;
        }
        if (this.activity !== seen || this.inFlight > 0) {
            this.schedule(this.activity, 0);
        } else if (idle + 1 < IDLE_TICKS) {
            this.schedule(seen, idle + 1);
        } else {
            this.advance();
            this.schedule(this.activity, 0);
        }
    }

    /** Moves time to the earliest wake-up and wakes every sleeper due then. */
    private advance(): void {
        this.sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        this.current = this.sleepers[0].at;
        const due = this.sleepers.filter((sleeper) => sleeper.at <= this.current);
        this.sleepers = this.sleepers.filter((sleeper) => sleeper.at > this.current);
        this.activity++;
        due.forEach((sleeper) => sleeper.wake());
    }
}
