import { graphql } from '../gql'

/** A resident's sign-up as staff see it: `mobile` only with the right to contact residents. */
graphql(`
  fragment SignUpFields on SignUp {
    id
    name
    mobileMasked
    mobile
    people
    signedUpAt
    checkedInAt
    checkedInPeople
  }
`)

graphql(`
  fragment AttendanceFields on EventAttendance {
    checkedIn
    walkIns
    corrected
    participants
    version
  }
`)

/** The event with its resident page's address, and which screens' QR codes brought people. */
export const EventSignUpSummaryQuery = graphql(`
  query EventSignUpSummary($id: ID!) {
    me { id username }
    node(id: $id) {
      __typename
      ... on Event { ...EventFields publicUrl }
    }
    eventScans(event: $id) {
      opens
      people
      screen { id name community { name } }
    }
  }
`)

/** The sign-ups, in the order residents signed up; `search` finds part of a name. */
export const SignUpsQuery = graphql(`
  query SignUps($event: ID!, $search: String, $first: Int!, $after: String) {
    eventSignUps(event: $event, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...SignUpFields }
    }
  }
`)

export const EventCheckInMutation = graphql(`
  mutation EventCheckIn($input: EventCheckInInput!) {
    eventCheckIn(input: $input) {
      signUp { ...SignUpFields }
      attendance { ...AttendanceFields }
      errors { code field message }
    }
  }
`)

export const EventWalkInsAddMutation = graphql(`
  mutation EventWalkInsAdd($input: EventWalkInsInput!) {
    eventWalkInsAdd(input: $input) {
      attendance { ...AttendanceFields }
      errors { code field message }
    }
  }
`)

export const EventAttendanceCorrectMutation = graphql(`
  mutation EventAttendanceCorrect($input: EventAttendanceCorrectInput!) {
    eventAttendanceCorrect(input: $input) {
      attendance { ...AttendanceFields }
      errors { code field message }
    }
  }
`)

/** Scans per screen for one event, for the screens list. */
export const EventScansQuery = graphql(`
  query EventScans($event: ID!) {
    eventScans(event: $event) {
      opens
      people
      screen { id name community { name } }
    }
  }
`)
