// ESLint: typescript-eslint's recommended rules everywhere, plus Pulumi's Output-in-template-literal rule (type-aware) on the program.
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["bin/**", "out/**", "node_modules/**", "bench/**", "test/golden/**"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            // Unused names are tsc's job (noUnusedLocals/noUnusedParameters), which also knows `_`-prefixed parameters.
            "@typescript-eslint/no-unused-vars": "off",
        },
    },
    {
        // The program's Outputs must go through pulumi.interpolate, never a plain template literal (needs type information).
        files: ["index.ts", "components/**/*.ts", "stacks/**/*.ts"],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        plugins: { pulumi },
        rules: {
            "pulumi/no-output-in-template-literal": "error",
            "pulumi/no-output-instance-in-template-literal": "error",
        },
    },
    {
        // Tests cast mocks and stubs freely, and chai asserts with property getters (`.to.be.NaN`, `.to.be.true`).
        files: ["test/**/*.ts"],
        rules: {
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unused-expressions": "off",
        },
    },
    {
        // CommonJS files (mocha's reporter) and the deliberate fresh loads of the program (cleared require cache).
        files: ["**/*.js", "tools/engine/fresh-require.ts", "test/stacks/layers.test.ts"],
        languageOptions: {
            sourceType: "commonjs",
            globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", exports: "writable" },
        },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
