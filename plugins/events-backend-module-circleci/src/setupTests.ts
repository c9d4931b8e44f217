// Tests start test backends and databases (SQLite and PostgreSQL); on a
// loaded 2-core CI machine that can take longer than jest's default 5 s.
jest.setTimeout(60_000);
