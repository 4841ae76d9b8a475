-- AlterTable
ALTER TABLE "SurveyRound" ADD COLUMN     "chainHead" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "chainLength" INTEGER NOT NULL DEFAULT 0;

-- AlterTable (responses received before the chain existed keep their order and an empty hash, as on SQLite)
ALTER TABLE "SurveyResponse" ADD COLUMN     "chainHash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "chainSeq" INTEGER NOT NULL DEFAULT 0;
UPDATE "SurveyResponse" r SET "chainSeq" = o.n FROM (SELECT "id", row_number() OVER (PARTITION BY "roundId" ORDER BY "receivedAt", "id") AS n FROM "SurveyResponse") o WHERE o."id" = r."id";
UPDATE "SurveyRound" s SET "chainLength" = (SELECT count(*) FROM "SurveyResponse" r WHERE r."roundId" = s."id");
ALTER TABLE "SurveyResponse" ALTER COLUMN "chainHash" DROP DEFAULT, ALTER COLUMN "chainSeq" DROP DEFAULT;

-- CreateTable
CREATE TABLE "RateCounter" (
    "key" TEXT NOT NULL,
    "window" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateCounter_pkey" PRIMARY KEY ("key","window")
);

-- CreateTable
CREATE TABLE "BackgroundJob" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'running',
    "phase" TEXT,
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "percent" INTEGER NOT NULL DEFAULT 0,
    "rows" INTEGER,
    "current" TEXT,
    "error" TEXT,
    "details" TEXT,
    "fileName" TEXT,
    "result" BYTEA,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BackgroundJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BackgroundJob_updatedAt_idx" ON "BackgroundJob"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_roundId_chainSeq_key" ON "SurveyResponse"("roundId", "chainSeq");
