// The workbook imports (qile_api/imports): one mutation per import, each taking the filled-in template.
import { graphql } from '../gql'

graphql(`
  fragment ImportFields on ImportPayload {
    rows
    created
    existing
    committed
    problems { row column message }
    errors { code field message }
  }
`)

export const CommunitiesImport = graphql(`mutation CommunitiesImport($file: Upload!, $dryRun: Boolean!) { communitiesImport(file: $file, dryRun: $dryRun) { ...ImportFields } }`)
export const FacilitiesImport = graphql(`mutation FacilitiesImport($file: Upload!, $dryRun: Boolean!) { facilitiesImport(file: $file, dryRun: $dryRun) { ...ImportFields } }`)
export const TeamsImport = graphql(`mutation TeamsImport($file: Upload!, $dryRun: Boolean!) { teamsImport(file: $file, dryRun: $dryRun) { ...ImportFields } }`)
export const SelectionsImport = graphql(`mutation SelectionsImport($file: Upload!, $dryRun: Boolean!) { selectionsImport(file: $file, dryRun: $dryRun) { ...ImportFields } }`)
export const AttestationsImport = graphql(`mutation AttestationsImport($file: Upload!, $dryRun: Boolean!) { attestationsImport(file: $file, dryRun: $dryRun) { ...ImportFields } }`)
