// A community's facilities (qile_api/facilities), as the records pages change them.
import { graphql } from '../gql'

graphql(`
  fragment FacilityFields on Facility { id kind kindLabel name indoorAreaM2 outdoorAreaM2 weeklyOpenHours freeOfCharge version }
`)

export const FacilityCreate = graphql(`mutation FacilityCreate($input: FacilityCreateInput!) { facilityCreate(input: $input) { facility { ...FacilityFields } errors { code field message } } }`)
export const FacilityUpdate = graphql(`mutation FacilityUpdate($input: FacilityUpdateInput!) { facilityUpdate(input: $input) { facility { ...FacilityFields } errors { code field message } } }`)
export const FacilityDelete = graphql(`mutation FacilityDelete($input: RecordRefInput!) { facilityDelete(input: $input) { facility { id } errors { code field message } } }`)
