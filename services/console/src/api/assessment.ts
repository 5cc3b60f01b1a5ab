// The assessment's own records (qile_api/assessment/mutations.py): selections, recognitions, attestations.
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
