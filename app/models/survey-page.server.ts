import { prisma } from "#app/utils/db.server";

/** What the survey page header shows about a link: where it belongs, which questionnaire, the round's window. */
export interface SurveyPageHeader {
  token: string;
  /** social | staff | student */
  family: string;
  /** Questionnaire id, e.g. "social.v1". */
  questionnaire: string;
  /** The school of a per-school link; null for the county-level 社会卷 link. */
  schoolName: string | null;
  countyName: string;
  cityName: string;
  roundState: string;
  opensAt: Date;
  closesAt: Date;
  onePerDevice: boolean;
}

/** The header data of the survey page for a link token, or null when no link has that token. */
export async function findSurveyPageHeader(token: string): Promise<SurveyPageHeader | null> {
  const link = await prisma.surveyLink.findUnique({
    where: { token },
    select: {
      token: true,
      family: true,
      questionnaire: true,
      school: { select: { name: true } },
      round: {
        select: {
          state: true,
          opensAt: true,
          closesAt: true,
          onePerDevice: true,
          county: { select: { name: true, city: { select: { name: true } } } },
        },
      },
    },
  });
  if (!link) return null;
  return {
    token: link.token,
    family: link.family,
    questionnaire: link.questionnaire,
    schoolName: link.school?.name ?? null,
    countyName: link.round.county.name,
    cityName: link.round.county.city.name,
    roundState: link.round.state,
    opensAt: link.round.opensAt,
    closesAt: link.round.closesAt,
    onePerDevice: link.round.onePerDevice,
  };
}
