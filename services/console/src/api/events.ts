import { graphql } from '../gql'

graphql(`
  fragment EventFields on Event {
    id
    title
    description
    category
    categoryLabel
    theme { key label }
    venue
    organiser
    startsAt
    endsAt
    largeScale
    participants
    capacity
    signUpOpensAt
    signUpClosesAt
    signUpState
    signUpStateLabel
    placesLeft
    attendance { ...AttendanceFields }
    image { ...ContentImage }
    status
    version
    rejectReason
    revisionOf
    createdBy
    submittedBy
    submittedAt
    updatedAt
    publishedAt
    scope {
      __typename
      name
      level
      ... on Node { id }
    }
  }
`)

/**
 * Events inside a region (`within`: my scope), of the chosen review states,
 * overlapping [from, to) when given; a page at a time (`after`), soonest
 * first or, looking back, latest first.
 */
export const EventsQuery = graphql(`
  query Events(
    $within: ID!
    $status: [ContentStatus!]!
    $from: DateTime
    $to: DateTime
    $latestFirst: Boolean! = false
    $first: Int!
    $after: String
  ) {
    me { id username }
    events(from: $from, to: $to, first: $first, after: $after, latestFirst: $latestFirst, filter: {within: $within, status: $status}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...EventFields }
    }
  }
`)

export const EventQuery = graphql(`
  query Event($id: ID!) {
    me { id username }
    node(id: $id) {
      __typename
      ... on Event { ...EventFields publicUrl }
    }
  }
`)

// The coming events a screen of a scope has beside a notice: the board preview draws them
// under a short notice in portrait, with their codes, as the screens do.
export const ComingEventsQuery = graphql(`
  query ComingEvents($within: ID!, $from: DateTime!) {
    events(from: $from, first: 6, filter: {within: $within, status: [PUBLISHED]}) {
      nodes { id title venue startsAt endsAt largeScale publicUrl }
    }
  }
`)

/** The five themes, for the form's choice. */
export const ThemesQuery = graphql(`
  query Themes {
    themes { key label }
  }
`)

export const EventCreateMutation = graphql(`
  mutation EventCreate($input: EventCreateInput!) {
    eventCreate(input: $input) {
      event { ...EventFields }
      errors { code field message }
      warnings { field message }
    }
  }
`)

export const EventUpdateMutation = graphql(`
  mutation EventUpdate($input: EventUpdateInput!) {
    eventUpdate(input: $input) {
      event { ...EventFields }
      errors { code field message }
      warnings { field message }
    }
  }
`)

export const EventSubmitMutation = graphql(`
  mutation EventSubmit($input: ReviewInput!) {
    eventSubmit(input: $input) {
      event { ...EventFields }
      errors { code field message }
    }
  }
`)

/** The dates a rule gives from a start, as the API reads it (the form's 重复 preview); nothing is written. */
export const EventRecurrencePreviewQuery = graphql(`
  query EventRecurrencePreview($startsAt: DateTime!, $rule: String!) {
    eventRecurrencePreview(startsAt: $startsAt, rule: $rule) {
      dates
      errors { code field message }
    }
  }
`)

/** A series of drafts from a rule (重复), all or none. */
export const EventSeriesCreateMutation = graphql(`
  mutation EventSeriesCreate($input: EventSeriesCreateInput!) {
    eventSeriesCreate(input: $input) {
      series { id events { id version startsAt } }
      errors { code field message }
    }
  }
`)

/** A series' drafts sent for review in one call: all or none. */
export const EventBatchSubmitMutation = graphql(`
  mutation EventBatchSubmit($input: BatchReviewInput!) {
    eventBatchSubmit(input: $input) {
      events { id status version }
      errors { code field message }
    }
  }
`)
