// Run by `npm install` in provider/ (Pulumi installs a plugin's folder before it runs it): in a source checkout the library
// is not built yet, so install its dependencies and build it once; in the installed package (bin/ shipped) do nothing.
const { execSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
if (!fs.existsSync(path.join(root, "bin", "components", "provider", "main.js"))) {
    const install = fs.existsSync(path.join(root, "package-lock.json")) ? "npm ci" : "npm install";
    execSync(`${install} --no-audit --no-fund`, { cwd: root, stdio: "inherit" });
    execSync("npm run build", { cwd: root, stdio: "inherit" });
}
