import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { graphql } from '../gql'
import type { RecordKind } from '../lib/recordKinds'
import { AttestationRecord, RecognitionCreate, RecognitionDelete, RecognitionUpdate, SelectionCreate, SelectionDelete, SelectionUpdate } from './assessment'
import { FacilityCreate, FacilityDelete, FacilityUpdate } from './facilities'
import { TeamCreate, TeamDelete, TeamUpdate } from './teams'

/**
 * Everything recorded for one community: facilities and teams as they stand,
 * and the year's selections, recognitions and attestations as its assessment
 * reads them (with the standard's criteria, for choosing what to attest).
 */
export const CommunityRecordsQuery = graphql(`
  query CommunityRecords($community: ID!, $year: Int!) {
    me { id }
    node(id: $community) {
      __typename
      ... on Community {
        id
        name
        facilities { ...FacilityFields }
        teams { ...TeamFields }
        assessment(year: $year) {
          selections { ...SelectionFields }
          recognitions { ...RecognitionFields }
          attestations { ...AttestationFields }
          parts { number name criteria { key description rule } }
        }
      }
    }
  }
`)

export const MediaUploadMutation = graphql(`
  mutation MediaUpload($file: Upload!, $purpose: UploadPurpose!) {
    mediaUpload(file: $file, purpose: $purpose) {
      photo { sha256 url width height }
      errors { code field message }
    }
  }
`)

/**
 * A record mutation as the generic pages call it: an input in, one payload
 * out (`settle` and `payloadOf` read it). The inputs are built from the kind's
 * field list (lib/recordForm.ts), so their type is checked there, by the
 * field keys, and by the API.
 */
type RecordMutation = TypedDocumentNode<Record<string, any>, { input: any }>

export interface RecordOperations {
  create: RecordMutation
  update?: RecordMutation
  delete?: RecordMutation
}

export const RECORD_OPERATIONS: Readonly<Record<RecordKind, RecordOperations>> = {
  facilities: { create: FacilityCreate, update: FacilityUpdate, delete: FacilityDelete },
  teams: { create: TeamCreate, update: TeamUpdate, delete: TeamDelete },
  selections: { create: SelectionCreate, update: SelectionUpdate, delete: SelectionDelete },
  recognitions: { create: RecognitionCreate, update: RecognitionUpdate, delete: RecognitionDelete },
  attestations: { create: AttestationRecord },
}
