-- CreateTable
CREATE TABLE "RateCounter" (
    "key" TEXT NOT NULL,
    "window" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("key", "window")
);

-- CreateTable
CREATE TABLE "BackgroundJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "result" BLOB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SurveyRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "countyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "opensAt" DATETIME NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "questionnaires" TEXT NOT NULL,
    "samplingRule" TEXT NOT NULL,
    "onePerDevice" BOOLEAN NOT NULL DEFAULT true,
    "deviceSalt" TEXT NOT NULL,
    "recognitionMethod" TEXT,
    "suppressionThreshold" INTEGER NOT NULL DEFAULT 5,
    "autoExcludeRules" TEXT,
    "openedAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "chainLength" INTEGER NOT NULL DEFAULT 0,
    "chainHead" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "SurveyRound_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Responses received before the chain existed keep their order (receivedAt, id) and an empty hash:
-- verifying such a round names its first link as "received before the hash chain" (see hash-chain.ts).
INSERT INTO "new_SurveyRound" ("autoExcludeRules", "closedAt", "closesAt", "countyId", "createdAt", "deviceSalt", "id", "name", "onePerDevice", "openedAt", "opensAt", "questionnaires", "recognitionMethod", "samplingRule", "state", "suppressionThreshold", "updatedAt", "chainLength") SELECT "autoExcludeRules", "closedAt", "closesAt", "countyId", "createdAt", "deviceSalt", "id", "name", "onePerDevice", "openedAt", "opensAt", "questionnaires", "recognitionMethod", "samplingRule", "state", "suppressionThreshold", "updatedAt", (SELECT count(*) FROM "SurveyResponse" r WHERE r."roundId" = "SurveyRound"."id") FROM "SurveyRound";
DROP TABLE "SurveyRound";
ALTER TABLE "new_SurveyRound" RENAME TO "SurveyRound";
CREATE INDEX "SurveyRound_countyId_createdAt_idx" ON "SurveyRound"("countyId", "createdAt");
CREATE TABLE "new_SurveyResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "schoolId" TEXT,
    "family" TEXT NOT NULL,
    "questionnaire" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "area" TEXT,
    "gradeBand" TEXT,
    "answers" TEXT NOT NULL,
    "durationMs" INTEGER,
    "fingerprint" TEXT NOT NULL,
    "flags" TEXT,
    "status" TEXT NOT NULL,
    "exclusionReason" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "chainSeq" INTEGER NOT NULL,
    "chainHash" TEXT NOT NULL,
    CONSTRAINT "SurveyResponse_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SurveyRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SurveyResponse_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "SurveyLink" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SurveyResponse" ("answers", "area", "durationMs", "exclusionReason", "family", "fingerprint", "flags", "gradeBand", "group", "id", "idempotencyKey", "linkId", "questionnaire", "receivedAt", "roundId", "schoolId", "status", "chainSeq", "chainHash") SELECT "answers", "area", "durationMs", "exclusionReason", "family", "fingerprint", "flags", "gradeBand", "group", "id", "idempotencyKey", "linkId", "questionnaire", "receivedAt", "roundId", "schoolId", "status", row_number() OVER (PARTITION BY "roundId" ORDER BY "receivedAt", "id"), '' FROM "SurveyResponse";
DROP TABLE "SurveyResponse";
ALTER TABLE "new_SurveyResponse" RENAME TO "SurveyResponse";
CREATE UNIQUE INDEX "SurveyResponse_idempotencyKey_key" ON "SurveyResponse"("idempotencyKey");
CREATE INDEX "SurveyResponse_roundId_status_idx" ON "SurveyResponse"("roundId", "status");
CREATE INDEX "SurveyResponse_roundId_schoolId_group_idx" ON "SurveyResponse"("roundId", "schoolId", "group");
CREATE INDEX "SurveyResponse_linkId_fingerprint_receivedAt_idx" ON "SurveyResponse"("linkId", "fingerprint", "receivedAt");
CREATE UNIQUE INDEX "SurveyResponse_roundId_chainSeq_key" ON "SurveyResponse"("roundId", "chainSeq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "BackgroundJob_updatedAt_idx" ON "BackgroundJob"("updatedAt");

