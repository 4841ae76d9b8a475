-- AlterTable
ALTER TABLE "SurveyResponse" ADD COLUMN "exclusionReason" TEXT;

-- CreateTable
CREATE TABLE "ResponseReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "responseId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLogin" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ResponseReview_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SurveyRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ResponseReview_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "SurveyResponse" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatisticsSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "countyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    "createdById" TEXT,
    "createdByLogin" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StatisticsSnapshot_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PolicyProfileVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cityId" TEXT,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "profile" TEXT NOT NULL,
    "createdByLogin" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "countyId" TEXT NOT NULL,
    "policyVersionId" TEXT NOT NULL,
    "snapshotIds" TEXT NOT NULL,
    "surveyRoundId" TEXT,
    "verdict" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "createdByLogin" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Assessment_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assessment_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyProfileVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
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
    CONSTRAINT "SurveyRound_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SurveyRound" ("closedAt", "closesAt", "countyId", "createdAt", "deviceSalt", "id", "name", "onePerDevice", "openedAt", "opensAt", "questionnaires", "samplingRule", "state", "updatedAt") SELECT "closedAt", "closesAt", "countyId", "createdAt", "deviceSalt", "id", "name", "onePerDevice", "openedAt", "opensAt", "questionnaires", "samplingRule", "state", "updatedAt" FROM "SurveyRound";
DROP TABLE "SurveyRound";
ALTER TABLE "new_SurveyRound" RENAME TO "SurveyRound";
CREATE INDEX "SurveyRound_countyId_createdAt_idx" ON "SurveyRound"("countyId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ResponseReview_responseId_at_idx" ON "ResponseReview"("responseId", "at");

-- CreateIndex
CREATE INDEX "ResponseReview_roundId_at_idx" ON "ResponseReview"("roundId", "at");

-- CreateIndex
CREATE INDEX "StatisticsSnapshot_countyId_kind_createdAt_idx" ON "StatisticsSnapshot"("countyId", "kind", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StatisticsSnapshot_countyId_kind_version_key" ON "StatisticsSnapshot"("countyId", "kind", "version");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyProfileVersion_cityId_name_version_key" ON "PolicyProfileVersion"("cityId", "name", "version");

-- CreateIndex
CREATE INDEX "Assessment_countyId_createdAt_idx" ON "Assessment"("countyId", "createdAt");
