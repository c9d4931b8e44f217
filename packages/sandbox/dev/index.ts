import { runSandboxCli } from '../src/cli';

runSandboxCli().catch(error => {
  console.error(`[sandbox] failed to start: ${error.message ?? error}`);
  process.exit(1);
});
