// The assessment (qile_api/assessment): its own records (selections, recognitions, attestations), a community's criteria, the pilot programme.
import { graphql } from '../gql'

graphql(`
  fragment SelectionFields on Selection { id kind kindLabel householdsEligible householdsParticipating version }
`)
graphql(`
  fragment RecognitionFields on Recognition { id brandName level levelLabel recognisedBy recognisedOn note version }
`)
graphql(`
  fragment AttestationFields on Attestation { id criterionKey met attestedByName attestedAt note photo { sha256 url } }
`)

export const SelectionCreate = graphql(`mutation SelectionCreate($input: SelectionCreateInput!) { selectionCreate(input: $input) { selection { ...SelectionFields } errors { code field message } } }`)
export const SelectionUpdate = graphql(`mutation SelectionUpdate($input: SelectionUpdateInput!) { selectionUpdate(input: $input) { selection { ...SelectionFields } errors { code field message } } }`)
export const SelectionDelete = graphql(`mutation SelectionDelete($input: RecordRefInput!) { selectionDelete(input: $input) { selection { id } errors { code field message } } }`)
export const RecognitionCreate = graphql(`mutation RecognitionCreate($input: RecognitionCreateInput!) { recognitionCreate(input: $input) { recognition { ...RecognitionFields } errors { code field message } } }`)
export const RecognitionUpdate = graphql(`mutation RecognitionUpdate($input: RecognitionUpdateInput!) { recognitionUpdate(input: $input) { recognition { ...RecognitionFields } errors { code field message } } }`)
export const RecognitionDelete = graphql(`mutation RecognitionDelete($input: RecordRefInput!) { recognitionDelete(input: $input) { recognition { id } errors { code field message } } }`)
export const AttestationRecord = graphql(`mutation AttestationRecord($input: AttestationInput!) { attestationRecord(input: $input) { attestation { ...AttestationFields } errors { code field message } } }`)

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

/** The scope's progress month by month (monthly snapshots), oldest first. */
export const AssessmentHistoryQuery = graphql(`
  query AssessmentHistory($pilot: Boolean, $months: Int!) {
    assessmentHistory(pilot: $pilot, months: $months) {
      month
      closing
      takenAt
      communities
      counts { ...CountsFields }
    }
  }
`)
export const AssessmentSnapshotTake = graphql(`mutation AssessmentSnapshotTake { assessmentSnapshotTake { snapshot { month } errors { code field message } } }`)
