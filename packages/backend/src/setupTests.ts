// Tests start real servers and test backends; on a loaded 2-core CI machine
// that can take longer than jest's default 5 s.
jest.setTimeout(60_000);
