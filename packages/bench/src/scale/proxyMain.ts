/* The round-robin proxy as a process: `proxyMain.ts <port> <target>...`. */
import { startRoundRobinProxy } from './proxy';

const [port, ...targets] = process.argv.slice(2);
startRoundRobinProxy(targets, Number(port)).then(p =>
  process.stdout.write(`proxy on ${p.url} to ${targets.join(', ')}\n`),
);
