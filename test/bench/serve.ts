// Runs the built server (dist/server/main.js) for the bench under a command line of its own, so that
// a tool stopping other Chizu servers by name on a shared machine does not stop this one mid-run.
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built server, resolved at run time
require(path.resolve(__dirname, '..', '..', '..', 'server', 'main.js'));
