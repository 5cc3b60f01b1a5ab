import { graphql } from '../gql'

graphql(`
  fragment CountsFields on StatusCounts {
    met
    notMet
    unknown
    total
    progress
  }
`)

/** One community against the reference standard for a year: the eight parts, every criterion and its evidence. */
export const CommunityAssessmentQuery = graphql(`
  query CommunityAssessment($community: ID!, $year: Int!) {
    assessment(community: $community, year: $year) {
      year
      community {
        id
        name
        pilotNo
        theme { label }
        district { name }
        subdistrict { name }
      }
      counts { ...CountsFields }
      parts {
        number
        name
        counts { ...CountsFields }
        criteria {
          key
          description
          rule
          measured
          threshold
          unit
          status
          statusLabel
          evidence { kind id label }
        }
      }
    }
  }
`)

graphql(`
  fragment PilotFields on PilotProgress {
    pilotNo
    community { id name }
    district { id name }
    theme { key name }
    counts { ...CountsFields }
  }
`)

/** The pilots inside my scope for a year, most criteria met first, with their themes and districts. */
export const PilotProgrammeQuery = graphql(`
  query PilotProgramme($year: Int!) {
    pilotProgramme(year: $year, sort: PROGRESS_DESC) {
      year
      counts { ...CountsFields }
      pilots { ...PilotFields }
      themes {
        theme { key name label }
        hasFourPilots
        counts { ...CountsFields }
        pilots { pilotNo }
      }
      withoutTheme { pilotNo community { id name } }
      districts {
        district { id name }
        counts { ...CountsFields }
        pilots { pilotNo }
      }
    }
  }
`)
