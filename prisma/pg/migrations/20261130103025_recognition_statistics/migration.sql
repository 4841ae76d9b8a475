-- AlterTable
ALTER TABLE "SurveyRound" ADD COLUMN     "autoExcludeRules" TEXT,
ADD COLUMN     "recognitionMethod" TEXT,
ADD COLUMN     "suppressionThreshold" INTEGER NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "SurveyResponse" ADD COLUMN     "exclusionReason" TEXT;

-- CreateTable
CREATE TABLE "ResponseReview" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "responseId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLogin" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResponseReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatisticsSnapshot" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatisticsSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyProfileVersion" (
    "id" TEXT NOT NULL,
    "cityId" TEXT,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "profile" TEXT NOT NULL,
    "createdByLogin" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyProfileVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "policyVersionId" TEXT NOT NULL,
    "snapshotIds" TEXT NOT NULL,
    "surveyRoundId" TEXT,
    "verdict" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "createdByLogin" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "ResponseReview" ADD CONSTRAINT "ResponseReview_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SurveyRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseReview" ADD CONSTRAINT "ResponseReview_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "SurveyResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatisticsSnapshot" ADD CONSTRAINT "StatisticsSnapshot_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyProfileVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
