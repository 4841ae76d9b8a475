-- CreateTable
CREATE TABLE "SurveyRound" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "questionnaires" TEXT NOT NULL,
    "samplingRule" TEXT NOT NULL,
    "onePerDevice" BOOLEAN NOT NULL DEFAULT true,
    "deviceSalt" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyQuota" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "schoolId" TEXT,
    "scopeKey" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "planned" INTEGER NOT NULL,
    "edited" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SurveyQuota_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyLink" (
    "id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "schoolId" TEXT,
    "family" TEXT NOT NULL,
    "questionnaire" TEXT NOT NULL,
    "cap" INTEGER,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "responseCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL,
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
    "idempotencyKey" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyParticipation" (
    "roundId" TEXT NOT NULL,
    "deviceHash" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyParticipation_pkey" PRIMARY KEY ("roundId","deviceHash")
);

-- CreateIndex
CREATE INDEX "SurveyRound_countyId_createdAt_idx" ON "SurveyRound"("countyId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyQuota_roundId_scopeKey_group_key" ON "SurveyQuota"("roundId", "scopeKey", "group");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyLink_token_key" ON "SurveyLink"("token");

-- CreateIndex
CREATE INDEX "SurveyLink_roundId_schoolId_idx" ON "SurveyLink"("roundId", "schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_idempotencyKey_key" ON "SurveyResponse"("idempotencyKey");

-- CreateIndex
CREATE INDEX "SurveyResponse_roundId_status_idx" ON "SurveyResponse"("roundId", "status");

-- CreateIndex
CREATE INDEX "SurveyResponse_roundId_schoolId_group_idx" ON "SurveyResponse"("roundId", "schoolId", "group");

-- CreateIndex
CREATE INDEX "SurveyResponse_linkId_fingerprint_receivedAt_idx" ON "SurveyResponse"("linkId", "fingerprint", "receivedAt");

-- AddForeignKey
ALTER TABLE "SurveyRound" ADD CONSTRAINT "SurveyRound_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyQuota" ADD CONSTRAINT "SurveyQuota_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SurveyRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyQuota" ADD CONSTRAINT "SurveyQuota_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyLink" ADD CONSTRAINT "SurveyLink_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SurveyRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyLink" ADD CONSTRAINT "SurveyLink_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SurveyRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "SurveyLink"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyParticipation" ADD CONSTRAINT "SurveyParticipation_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SurveyRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;
