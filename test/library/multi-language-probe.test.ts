// The multi-language pipeline end to end on a component the analyzer accepts today (test/fixtures/multi-language): the
// analyzer's schema with the table's secrets marked in outputs and nested types, and construct from the analyzed schema.
import { expect } from "chai";
import * as path from "path";
import { MulticlusterProvider } from "../../components/provider/provider";
import { PackageSchema } from "../../components/provider/schema-secrets";
import { Probe } from "../fixtures/multi-language/index";
import { constructUnderMocks } from "./construct-mocks";

const FIXTURE = path.resolve(__dirname, "..", "fixtures", "multi-language");
const hosted = { Probe: { component: Probe, secrets: ["kubeconfig", "privateKey"] } };

describe("multi-language package: the pipeline on a converted component", function () {
    this.timeout(300_000);
    const provider = new MulticlusterProvider({ dirname: FIXTURE, components: hosted });

    it("types the inputs and outputs and marks the listed secrets wherever the component reaches them", async () => {
        const schema = JSON.parse(await provider.getSchema()) as PackageSchema;
        const probe = schema.resources["multicluster:index:Probe"];
        expect(probe.inputProperties?.cluster).to.deep.include({ $ref: "#/types/multicluster:index:ProbeCluster", plain: true });
        expect(probe.inputProperties?.replicas).to.deep.include({ type: "number", plain: true });
        expect(probe.properties?.kubeconfig).to.deep.include({ type: "string", secret: true });
        expect(probe.properties?.endpoint.secret).to.equal(undefined);
        const cluster = schema.types["multicluster:index:ProbeCluster"].properties;
        expect(cluster?.kubeconfig).to.deep.include({ type: "string", secret: true });
        expect(cluster?.name.secret).to.equal(undefined);
        expect(schema.types["multicluster:index:ProbeHost"].properties?.privateKey).to.deep.include({ type: "string", secret: true });
    });

    it("constructs the component from the analyzed schema, under its own type, with the outputs the schema lists", async () => {
        const inputs = { cluster: { name: "east", kubeconfig: "apiVersion: v1\nkind: Config\n", hosts: [] } };
        const run = await constructUnderMocks(provider, "probe", "multicluster:index:Probe", inputs);
        expect(run.error).to.equal(undefined);
        expect(run.urn).to.equal("urn:pulumi:stack::project::pulumi:pulumi:Stack$multicluster:test:Probe::probe");
        expect(Object.keys(run.state)).to.have.members(["kubeconfig", "endpoint"]);
        expect(run.secret, "kubeconfig stays secret").to.equal(true);
    });
});
