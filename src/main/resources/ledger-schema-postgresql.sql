-- The ledger on PostgreSQL, shared by the manager and the workers of a distributed run.
-- Run on every start, by several processes at once, in one transaction: the advisory lock
-- makes them take turns (concurrent CREATE ... IF NOT EXISTS can fail in PostgreSQL).
SELECT pg_advisory_xact_lock(4242424242);
CREATE TABLE IF NOT EXISTS BGM_ITEM (
	JOB_KEY VARCHAR(1000) NOT NULL,
	ITEM_ID VARCHAR(200) NOT NULL,
	SEQ INTEGER NOT NULL,
	LINE BIGINT NOT NULL,
	VIDEO VARCHAR(4000) NOT NULL,
	FINGERPRINT VARCHAR(100),
	INSTRUCTION TEXT,
	MUSIC VARCHAR(4000),
	OUTPUT VARCHAR(4000) NOT NULL,
	STAGE VARCHAR(20) NOT NULL,
	STATUS VARCHAR(20) NOT NULL,
	PLAN TEXT,
	HANDLES TEXT,
	TIMINGS VARCHAR(2000),
	ATTEMPTS INTEGER DEFAULT 0 NOT NULL,
	LAST_ERROR VARCHAR(4000),
	CREDITS INTEGER DEFAULT 0 NOT NULL,
	CREATED_AT TIMESTAMPTZ NOT NULL,
	UPDATED_AT TIMESTAMPTZ NOT NULL,
	-- the worker holding the item (host:pid:lane) and until when, in the database's time
	CLAIMED_BY VARCHAR(300),
	LEASE_UNTIL TIMESTAMPTZ,
	-- every finished stage: which worker ran it, from when to when (a JSON list)
	STAGE_LOG TEXT,
	-- credits the item has committed to and not yet paid
	CREDITS_HELD INTEGER DEFAULT 0 NOT NULL,
	PRIMARY KEY (JOB_KEY, ITEM_ID)
);
-- workers claim the next waiting item in manifest order
CREATE INDEX IF NOT EXISTS BGM_ITEM_QUEUE ON BGM_ITEM (JOB_KEY, STATUS, SEQ);
-- why a run told its workers to stop claiming: one row per job execution
CREATE TABLE IF NOT EXISTS BGM_STOP (
	JOB_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	REASON VARCHAR(4000) NOT NULL,
	HALT BOOLEAN NOT NULL
);
-- which worker runs each partition (worker slot) of a distributed run, and until when;
-- a slot whose lease ran out is sent to the workers again by the manager
CREATE TABLE IF NOT EXISTS BGM_SLOT (
	STEP_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	JOB_EXECUTION_ID BIGINT NOT NULL,
	RUNNER VARCHAR(300),
	LEASE_UNTIL TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS BGM_SLOT_JOB ON BGM_SLOT (JOB_EXECUTION_ID);
-- a worker that cannot work on an item on its machine (it does not see the input, or cannot
-- write the output folder) hands it back and says why here; it claims that item no more, the
-- other workers may. Cleared when a run of the job starts: a mount fixed since gets a new chance.
CREATE TABLE IF NOT EXISTS BGM_REFUSAL (
	JOB_KEY VARCHAR(1000) NOT NULL,
	ITEM_ID VARCHAR(200) NOT NULL,
	WORKER VARCHAR(300) NOT NULL,
	REASON VARCHAR(4000) NOT NULL,
	PRIMARY KEY (JOB_KEY, ITEM_ID, WORKER)
);
-- this database's name for itself, made once: the queue of partition requests is this database's
-- own, so managers and workers of different databases sharing one broker never take each other's
CREATE TABLE IF NOT EXISTS BGM_DATABASE (
	ID VARCHAR(32) NOT NULL PRIMARY KEY
);
INSERT INTO BGM_DATABASE (ID) SELECT md5(random()::text || clock_timestamp()::text)
WHERE NOT EXISTS (SELECT 1 FROM BGM_DATABASE);
