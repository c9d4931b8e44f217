// Each test starts real HTTP servers on loopback; on a loaded 2-core CI
// machine that can take longer than jest's default 5 s.
jest.setTimeout(30_000);
