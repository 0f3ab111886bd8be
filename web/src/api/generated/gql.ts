/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AuditLog($filter: AuditFilter, $first: Int, $before: ID) {\n    auditLog(filter: $filter, first: $first, before: $before) {\n      totalCount nextBefore entries { id at kind username clientAddress target layerKey rowCount details }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  fragment AccessTokenFields on AccessToken { id name prefix readOnly layers createdAt expiresAt lastUsedAt lastUsedAddress revokedAt }\n": typeof types.AccessTokenFieldsFragmentDoc,
    "query AccessTokens { accessTokens { ...AccessTokenFields } }": typeof types.AccessTokensDocument,
    "\n  mutation CreateAccessToken($input: AccessTokenInput!) { createAccessToken(input: $input) { token accessToken { ...AccessTokenFields } } }\n": typeof types.CreateAccessTokenDocument,
    "mutation RevokeAccessToken($id: ID!) { revokeAccessToken(id: $id) }": typeof types.RevokeAccessTokenDocument,
    "\n  query Basemaps { basemaps { id nameJa nameEn kind url attribution isDefault sortOrder enabled } }\n": typeof types.BasemapsDocument,
    "mutation CreateBasemap($input: BasemapInput!) { createBasemap(input: $input) { id } }": typeof types.CreateBasemapDocument,
    "mutation UpdateBasemap($id: ID!, $patch: BasemapPatch!) { updateBasemap(id: $id, patch: $patch) { id } }": typeof types.UpdateBasemapDocument,
    "mutation DeleteBasemap($id: ID!) { deleteBasemap(id: $id) }": typeof types.DeleteBasemapDocument,
    "\n  query Route($routeNo: String!) {\n    route(routeNo: $routeNo) {\n      routeNo routeName roadClass certifiedOn startPoint endPoint lengthM widthMinM widthMaxM segmentCount bbox geometry\n      segments { ...FeatureFields }\n    }\n  }\n": typeof types.RouteDocument,
    "\n  query CoordinateTable($id: ID!) {\n    coordinateTable(featureId: $id) {\n      featureId recordNo srid closed perimeterM areaM2\n      points { seq name markerType x y srid lon lat sideLengthM surveyed }\n    }\n  }\n": typeof types.CoordinateTableDocument,
    "\n  query ParseCoordinates($text: String!) {\n    parseCoordinateTable(text: $text) { points { name x y markerType } problems { line code params message } }\n  }\n": typeof types.ParseCoordinatesDocument,
    "\n  mutation CreateBoundaryRecord($attributes: JSONObject!, $coordinates: String!, $closed: Boolean!, $srid: Int) {\n    createBoundaryRecord(attributes: $attributes, coordinates: $coordinates, closed: $closed, srid: $srid) { ...FeatureFields }\n  }\n": typeof types.CreateBoundaryRecordDocument,
    "\n  mutation SetBoundaryPoints($id: ID!, $version: Int!, $coordinates: String!, $closed: Boolean!, $srid: Int) {\n    setBoundaryPoints(featureId: $id, expectedVersion: $version, coordinates: $coordinates, closed: $closed, srid: $srid) { ...FeatureFields }\n  }\n": typeof types.SetBoundaryPointsDocument,
    "\n  query Attachments($id: ID!) { attachments(featureId: $id) { id featureId filename contentType sizeBytes uploadedAt uploadedBy url } }\n": typeof types.AttachmentsDocument,
    "mutation DeleteAttachment($id: ID!) { deleteAttachment(id: $id) }": typeof types.DeleteAttachmentDocument,
    "\n  query Enquiry($lon: Float!, $lat: Float!, $layers: [String!]) {\n    enquiry(lon: $lon, lat: $lat, layers: $layers) {\n      lon lat town planeX planeY planeSrid\n      route { routeNo routeName roadClass widthMinM widthMaxM lengthM }\n      streetLight { ...EnquiryHit } garbagePoint { ...EnquiryHit } curveMirror { ...EnquiryHit } features { ...EnquiryHit }\n      parcel { featureId label landCategory registeredAreaM2 areaM2 geometry\n        roadFrontage { routeNo routeName roadClass widthMinM widthMaxM distanceM frontageM }\n        boundaryRecords { featureId recordNo determinedOn } }\n    }\n  }\n  fragment EnquiryHit on FeatureHit { distanceM feature { id layerKey attributes } }\n": typeof types.EnquiryDocument,
    "query ClientSettings { clientSettings { attachmentMaxBytes planeSrid passwordMinLength } }": typeof types.ClientSettingsDocument,
    "query PrintSettings { printSettings { department phone note } }": typeof types.PrintSettingsDocument,
    "\n  fragment FeatureFields on Feature {\n    id layerKey geometry attributes version updatedAt updatedBy lengthM areaM2 deletedAt\n  }\n": typeof types.FeatureFieldsFragmentDoc,
    "\n  fragment FieldDefinitionFields on FieldDefinition {\n    key label labelEn type required options min max maxLength unit computed unique format\n    restricted { departments users }\n  }\n": typeof types.FieldDefinitionFieldsFragmentDoc,
    "\n  fragment LayerFields on Layer {\n    key nameJa nameEn kind basemap published publishedFields labelField geometryTypes featureCount extent style role\n    readAccess { departments users }\n    department { key nameJa nameEn }\n    fields { ...FieldDefinitionFields }\n  }\n": typeof types.LayerFieldsFragmentDoc,
    "\n  fragment UserFields on User {\n    id username displayName role department { key nameJa nameEn } disabled grantedLayers\n  }\n": typeof types.UserFieldsFragmentDoc,
    "query Me { me { ...UserFields } }": typeof types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!, $newPassword: String) {\n    login(username: $username, password: $password, newPassword: $newPassword) { user { ...UserFields } }\n  }\n": typeof types.LoginDocument,
    "mutation Logout { logout }": typeof types.LogoutDocument,
    "\n  query Layers {\n    layers { ...LayerFields }\n    me { editableLayers }\n  }\n": typeof types.LayersDocument,
    "\n  query Features($layer: String!, $bbox: [Float!], $area: AreaSelectionInput, $where: [AttributeFilter!], $search: String,\n                 $orderBy: FeatureOrder, $first: Int, $after: String) {\n    features(layer: $layer, bbox: $bbox, area: $area, where: $where, search: $search, orderBy: $orderBy,\n             first: $first, after: $after) {\n      totalCount\n      edges { cursor node { ...FeatureFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.FeaturesDocument,
    "\n  query FeaturesExtent($layer: String!, $bbox: [Float!], $area: AreaSelectionInput, $where: [AttributeFilter!]) {\n    features(layer: $layer, bbox: $bbox, area: $area, where: $where, first: 0) { totalCount extent }\n  }\n": typeof types.FeaturesExtentDocument,
    "query AreaOutline($area: AreaSelectionInput!) { areaOutline(area: $area) }": typeof types.AreaOutlineDocument,
    "query Feature($id: ID!) { feature(id: $id) { ...FeatureFields } }": typeof types.FeatureDocument,
    "\n  query FeaturesAt($lon: Float!, $lat: Float!, $tolerance: Float, $layers: [String!]) {\n    featuresAt(lon: $lon, lat: $lat, tolerance: $tolerance, layers: $layers) {\n      distanceM feature { ...FeatureFields }\n    }\n  }\n": typeof types.FeaturesAtDocument,
    "\n  query Search($text: String!, $first: Int) {\n    search(text: $text, first: $first) {\n      kind label sublabel town date layerKey featureId geometry bbox match note { code requested found }\n    }\n  }\n": typeof types.SearchDocument,
    "\n  fragment RasterSheetFields on RasterSheet {\n    id layerKey name fileName status progress widthPx heightPx sizeBytes checksum scaleDenominator surveyDate outline problem warning version createdAt updatedAt\n    boundaryRecordId\n    placement { method transform rmsM residualsM srid controlPoints { col row x y } }\n  }\n": typeof types.RasterSheetFieldsFragmentDoc,
    "query RasterSheets($layer: String!) { rasterSheets(layer: $layer) { ...RasterSheetFields } }": typeof types.RasterSheetsDocument,
    "query RasterSheet($id: ID!) { rasterSheet(id: $id) { id status progress } }": typeof types.RasterSheetDocument,
    "\n  mutation PlaceRasterSheet($id: ID!, $method: RasterPlacementMethod!, $transform: RasterTransform!, $controlPoints: [RasterControlPointInput!]!,\n                            $name: String, $scaleDenominator: Int, $surveyDate: String, $version: Int) {\n    placeRasterSheet(id: $id, method: $method, transform: $transform, controlPoints: $controlPoints,\n                     name: $name, scaleDenominator: $scaleDenominator, surveyDate: $surveyDate, version: $version) { ...RasterSheetFields }\n  }\n": typeof types.PlaceRasterSheetDocument,
    "mutation DeleteRasterSheet($id: ID!, $version: Int) { deleteRasterSheet(id: $id, version: $version) }": typeof types.DeleteRasterSheetDocument,
    "query BoundaryRecordDrawings($featureId: ID!) { boundaryRecordDrawings(featureId: $featureId) { ...RasterSheetFields } }": typeof types.BoundaryRecordDrawingsDocument,
    "\n  mutation LinkRasterSheetToBoundaryRecord($id: ID!, $featureId: ID, $version: Int) {\n    linkRasterSheetToBoundaryRecord(id: $id, featureId: $featureId, version: $version) { ...RasterSheetFields }\n  }\n": typeof types.LinkRasterSheetToBoundaryRecordDocument,
    "query Users { users { ...UserFields } }": typeof types.UsersDocument,
    "mutation CreateUser($input: NewUserInput!) { createUser(input: $input) { ...UserFields } }": typeof types.CreateUserDocument,
    "mutation UpdateUser($username: String!, $patch: UserPatch!) { updateUser(username: $username, patch: $patch) { ...UserFields } }": typeof types.UpdateUserDocument,
    "mutation ResetPassword($username: String!) { resetPassword(username: $username) }": typeof types.ResetPasswordDocument,
    "mutation UnlockLogin($username: String!) { unlockLogin(username: $username) }": typeof types.UnlockLoginDocument,
    "mutation CreateDepartment($input: DepartmentInput!) { createDepartment(input: $input) { key nameJa nameEn } }": typeof types.CreateDepartmentDocument,
    "\n  mutation RenameDepartment($key: String!, $nameJa: String!, $nameEn: String!) { renameDepartment(key: $key, nameJa: $nameJa, nameEn: $nameEn) { key nameJa nameEn } }\n": typeof types.RenameDepartmentDocument,
    "mutation MergeDepartments($from: String!, $into: String!) { mergeDepartments(from: $from, into: $into) { key nameJa nameEn } }": typeof types.MergeDepartmentsDocument,
    "query SecuritySettings { securitySettings { passwordHistoryCount passwordMaxAgeDays sessionLifetimeHours passwordMinLength } }": typeof types.SecuritySettingsDocument,
    "\n  mutation UpdateSecuritySettings($patch: SecuritySettingsPatch!) {\n    updateSecuritySettings(patch: $patch) { passwordHistoryCount passwordMaxAgeDays sessionLifetimeHours passwordMinLength }\n  }\n": typeof types.UpdateSecuritySettingsDocument,
    "\n  mutation ChangeOwnPassword($currentPassword: String!, $newPassword: String!) { changeOwnPassword(currentPassword: $currentPassword, newPassword: $newPassword) }\n": typeof types.ChangeOwnPasswordDocument,
    "\n  mutation ApplyChanges($changes: [FeatureChangeInput!]!) { applyChanges(changes: $changes) { ...FeatureFields } }\n": typeof types.ApplyChangesDocument,
    "\n  query FeatureHistory($id: ID!) {\n    featureHistory(id: $id) {\n      featureId layerKey version operation changedAt changedBy changedByUsername attributes geometry geometryChanged\n      changes { field label before after }\n    }\n  }\n": typeof types.FeatureHistoryDocument,
    "\n  mutation Restore($id: ID!, $version: Int!, $expectedVersion: Int) {\n    restoreFeature(id: $id, version: $version, expectedVersion: $expectedVersion) { ...FeatureFields }\n  }\n": typeof types.RestoreDocument,
    "\n  query Changes($layer: String, $user: String, $since: DateTimeISO, $until: DateTimeISO, $first: Int!) {\n    changes(layer: $layer, user: $user, since: $since, until: $until, first: $first) {\n      featureId layerKey layerName label version operation changedAt changedBy changedByUsername geometryChanged\n      changes { field label before after }\n    }\n  }\n": typeof types.ChangesDocument,
    "query Departments { departments { key nameJa nameEn } }": typeof types.DepartmentsDocument,
    "mutation CreateLayer($input: LayerInput!) { createLayer(input: $input) { ...LayerFields } }": typeof types.CreateLayerDocument,
    "mutation UpdateLayer($key: String!, $patch: LayerPatch!) { updateLayer(key: $key, patch: $patch) { ...LayerFields } }": typeof types.UpdateLayerDocument,
    "\n  fragment ImportSummaryFields on ImportSummary { create update unchanged refused warnings refusedRows { line field code message value } }\n": typeof types.ImportSummaryFieldsFragmentDoc,
    "query ImportPreview($id: ID!, $o: JSONObject) { importPreview(id: $id, options: $o) }": typeof types.ImportPreviewDocument,
    "mutation ImportDryRun($id: ID!, $o: JSONObject) { importDryRun(id: $id, options: $o) { ...ImportSummaryFields } }": typeof types.ImportDryRunDocument,
    "query ImportProgress($id: ID!) { importJob(id: $id) { progress { phase rowsRead rowsChecked rowsWritten total } } }": typeof types.ImportProgressDocument,
    "mutation CommitImport($id: ID!, $o: JSONObject) { commitImport(id: $id, options: $o) { ...ImportSummaryFields } }": typeof types.CommitImportDocument,
    "mutation CancelImport($id: ID!) { cancelImport(id: $id) }": typeof types.CancelImportDocument,
    "mutation UndoImport($id: ID!) { undoImport(id: $id) }": typeof types.UndoImportDocument,
};
const documents: Documents = {
    "\n  query AuditLog($filter: AuditFilter, $first: Int, $before: ID) {\n    auditLog(filter: $filter, first: $first, before: $before) {\n      totalCount nextBefore entries { id at kind username clientAddress target layerKey rowCount details }\n    }\n  }\n": types.AuditLogDocument,
    "\n  fragment AccessTokenFields on AccessToken { id name prefix readOnly layers createdAt expiresAt lastUsedAt lastUsedAddress revokedAt }\n": types.AccessTokenFieldsFragmentDoc,
    "query AccessTokens { accessTokens { ...AccessTokenFields } }": types.AccessTokensDocument,
    "\n  mutation CreateAccessToken($input: AccessTokenInput!) { createAccessToken(input: $input) { token accessToken { ...AccessTokenFields } } }\n": types.CreateAccessTokenDocument,
    "mutation RevokeAccessToken($id: ID!) { revokeAccessToken(id: $id) }": types.RevokeAccessTokenDocument,
    "\n  query Basemaps { basemaps { id nameJa nameEn kind url attribution isDefault sortOrder enabled } }\n": types.BasemapsDocument,
    "mutation CreateBasemap($input: BasemapInput!) { createBasemap(input: $input) { id } }": types.CreateBasemapDocument,
    "mutation UpdateBasemap($id: ID!, $patch: BasemapPatch!) { updateBasemap(id: $id, patch: $patch) { id } }": types.UpdateBasemapDocument,
    "mutation DeleteBasemap($id: ID!) { deleteBasemap(id: $id) }": types.DeleteBasemapDocument,
    "\n  query Route($routeNo: String!) {\n    route(routeNo: $routeNo) {\n      routeNo routeName roadClass certifiedOn startPoint endPoint lengthM widthMinM widthMaxM segmentCount bbox geometry\n      segments { ...FeatureFields }\n    }\n  }\n": types.RouteDocument,
    "\n  query CoordinateTable($id: ID!) {\n    coordinateTable(featureId: $id) {\n      featureId recordNo srid closed perimeterM areaM2\n      points { seq name markerType x y srid lon lat sideLengthM surveyed }\n    }\n  }\n": types.CoordinateTableDocument,
    "\n  query ParseCoordinates($text: String!) {\n    parseCoordinateTable(text: $text) { points { name x y markerType } problems { line code params message } }\n  }\n": types.ParseCoordinatesDocument,
    "\n  mutation CreateBoundaryRecord($attributes: JSONObject!, $coordinates: String!, $closed: Boolean!, $srid: Int) {\n    createBoundaryRecord(attributes: $attributes, coordinates: $coordinates, closed: $closed, srid: $srid) { ...FeatureFields }\n  }\n": types.CreateBoundaryRecordDocument,
    "\n  mutation SetBoundaryPoints($id: ID!, $version: Int!, $coordinates: String!, $closed: Boolean!, $srid: Int) {\n    setBoundaryPoints(featureId: $id, expectedVersion: $version, coordinates: $coordinates, closed: $closed, srid: $srid) { ...FeatureFields }\n  }\n": types.SetBoundaryPointsDocument,
    "\n  query Attachments($id: ID!) { attachments(featureId: $id) { id featureId filename contentType sizeBytes uploadedAt uploadedBy url } }\n": types.AttachmentsDocument,
    "mutation DeleteAttachment($id: ID!) { deleteAttachment(id: $id) }": types.DeleteAttachmentDocument,
    "\n  query Enquiry($lon: Float!, $lat: Float!, $layers: [String!]) {\n    enquiry(lon: $lon, lat: $lat, layers: $layers) {\n      lon lat town planeX planeY planeSrid\n      route { routeNo routeName roadClass widthMinM widthMaxM lengthM }\n      streetLight { ...EnquiryHit } garbagePoint { ...EnquiryHit } curveMirror { ...EnquiryHit } features { ...EnquiryHit }\n      parcel { featureId label landCategory registeredAreaM2 areaM2 geometry\n        roadFrontage { routeNo routeName roadClass widthMinM widthMaxM distanceM frontageM }\n        boundaryRecords { featureId recordNo determinedOn } }\n    }\n  }\n  fragment EnquiryHit on FeatureHit { distanceM feature { id layerKey attributes } }\n": types.EnquiryDocument,
    "query ClientSettings { clientSettings { attachmentMaxBytes planeSrid passwordMinLength } }": types.ClientSettingsDocument,
    "query PrintSettings { printSettings { department phone note } }": types.PrintSettingsDocument,
    "\n  fragment FeatureFields on Feature {\n    id layerKey geometry attributes version updatedAt updatedBy lengthM areaM2 deletedAt\n  }\n": types.FeatureFieldsFragmentDoc,
    "\n  fragment FieldDefinitionFields on FieldDefinition {\n    key label labelEn type required options min max maxLength unit computed unique format\n    restricted { departments users }\n  }\n": types.FieldDefinitionFieldsFragmentDoc,
    "\n  fragment LayerFields on Layer {\n    key nameJa nameEn kind basemap published publishedFields labelField geometryTypes featureCount extent style role\n    readAccess { departments users }\n    department { key nameJa nameEn }\n    fields { ...FieldDefinitionFields }\n  }\n": types.LayerFieldsFragmentDoc,
    "\n  fragment UserFields on User {\n    id username displayName role department { key nameJa nameEn } disabled grantedLayers\n  }\n": types.UserFieldsFragmentDoc,
    "query Me { me { ...UserFields } }": types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!, $newPassword: String) {\n    login(username: $username, password: $password, newPassword: $newPassword) { user { ...UserFields } }\n  }\n": types.LoginDocument,
    "mutation Logout { logout }": types.LogoutDocument,
    "\n  query Layers {\n    layers { ...LayerFields }\n    me { editableLayers }\n  }\n": types.LayersDocument,
    "\n  query Features($layer: String!, $bbox: [Float!], $area: AreaSelectionInput, $where: [AttributeFilter!], $search: String,\n                 $orderBy: FeatureOrder, $first: Int, $after: String) {\n    features(layer: $layer, bbox: $bbox, area: $area, where: $where, search: $search, orderBy: $orderBy,\n             first: $first, after: $after) {\n      totalCount\n      edges { cursor node { ...FeatureFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.FeaturesDocument,
    "\n  query FeaturesExtent($layer: String!, $bbox: [Float!], $area: AreaSelectionInput, $where: [AttributeFilter!]) {\n    features(layer: $layer, bbox: $bbox, area: $area, where: $where, first: 0) { totalCount extent }\n  }\n": types.FeaturesExtentDocument,
    "query AreaOutline($area: AreaSelectionInput!) { areaOutline(area: $area) }": types.AreaOutlineDocument,
    "query Feature($id: ID!) { feature(id: $id) { ...FeatureFields } }": types.FeatureDocument,
    "\n  query FeaturesAt($lon: Float!, $lat: Float!, $tolerance: Float, $layers: [String!]) {\n    featuresAt(lon: $lon, lat: $lat, tolerance: $tolerance, layers: $layers) {\n      distanceM feature { ...FeatureFields }\n    }\n  }\n": types.FeaturesAtDocument,
    "\n  query Search($text: String!, $first: Int) {\n    search(text: $text, first: $first) {\n      kind label sublabel town date layerKey featureId geometry bbox match note { code requested found }\n    }\n  }\n": types.SearchDocument,
    "\n  fragment RasterSheetFields on RasterSheet {\n    id layerKey name fileName status progress widthPx heightPx sizeBytes checksum scaleDenominator surveyDate outline problem warning version createdAt updatedAt\n    boundaryRecordId\n    placement { method transform rmsM residualsM srid controlPoints { col row x y } }\n  }\n": types.RasterSheetFieldsFragmentDoc,
    "query RasterSheets($layer: String!) { rasterSheets(layer: $layer) { ...RasterSheetFields } }": types.RasterSheetsDocument,
    "query RasterSheet($id: ID!) { rasterSheet(id: $id) { id status progress } }": types.RasterSheetDocument,
    "\n  mutation PlaceRasterSheet($id: ID!, $method: RasterPlacementMethod!, $transform: RasterTransform!, $controlPoints: [RasterControlPointInput!]!,\n                            $name: String, $scaleDenominator: Int, $surveyDate: String, $version: Int) {\n    placeRasterSheet(id: $id, method: $method, transform: $transform, controlPoints: $controlPoints,\n                     name: $name, scaleDenominator: $scaleDenominator, surveyDate: $surveyDate, version: $version) { ...RasterSheetFields }\n  }\n": types.PlaceRasterSheetDocument,
    "mutation DeleteRasterSheet($id: ID!, $version: Int) { deleteRasterSheet(id: $id, version: $version) }": types.DeleteRasterSheetDocument,
    "query BoundaryRecordDrawings($featureId: ID!) { boundaryRecordDrawings(featureId: $featureId) { ...RasterSheetFields } }": types.BoundaryRecordDrawingsDocument,
    "\n  mutation LinkRasterSheetToBoundaryRecord($id: ID!, $featureId: ID, $version: Int) {\n    linkRasterSheetToBoundaryRecord(id: $id, featureId: $featureId, version: $version) { ...RasterSheetFields }\n  }\n": types.LinkRasterSheetToBoundaryRecordDocument,
    "query Users { users { ...UserFields } }": types.UsersDocument,
    "mutation CreateUser($input: NewUserInput!) { createUser(input: $input) { ...UserFields } }": types.CreateUserDocument,
    "mutation UpdateUser($username: String!, $patch: UserPatch!) { updateUser(username: $username, patch: $patch) { ...UserFields } }": types.UpdateUserDocument,
    "mutation ResetPassword($username: String!) { resetPassword(username: $username) }": types.ResetPasswordDocument,
    "mutation UnlockLogin($username: String!) { unlockLogin(username: $username) }": types.UnlockLoginDocument,
    "mutation CreateDepartment($input: DepartmentInput!) { createDepartment(input: $input) { key nameJa nameEn } }": types.CreateDepartmentDocument,
    "\n  mutation RenameDepartment($key: String!, $nameJa: String!, $nameEn: String!) { renameDepartment(key: $key, nameJa: $nameJa, nameEn: $nameEn) { key nameJa nameEn } }\n": types.RenameDepartmentDocument,
    "mutation MergeDepartments($from: String!, $into: String!) { mergeDepartments(from: $from, into: $into) { key nameJa nameEn } }": types.MergeDepartmentsDocument,
    "query SecuritySettings { securitySettings { passwordHistoryCount passwordMaxAgeDays sessionLifetimeHours passwordMinLength } }": types.SecuritySettingsDocument,
    "\n  mutation UpdateSecuritySettings($patch: SecuritySettingsPatch!) {\n    updateSecuritySettings(patch: $patch) { passwordHistoryCount passwordMaxAgeDays sessionLifetimeHours passwordMinLength }\n  }\n": types.UpdateSecuritySettingsDocument,
    "\n  mutation ChangeOwnPassword($currentPassword: String!, $newPassword: String!) { changeOwnPassword(currentPassword: $currentPassword, newPassword: $newPassword) }\n": types.ChangeOwnPasswordDocument,
    "\n  mutation ApplyChanges($changes: [FeatureChangeInput!]!) { applyChanges(changes: $changes) { ...FeatureFields } }\n": types.ApplyChangesDocument,
    "\n  query FeatureHistory($id: ID!) {\n    featureHistory(id: $id) {\n      featureId layerKey version operation changedAt changedBy changedByUsername attributes geometry geometryChanged\n      changes { field label before after }\n    }\n  }\n": types.FeatureHistoryDocument,
    "\n  mutation Restore($id: ID!, $version: Int!, $expectedVersion: Int) {\n    restoreFeature(id: $id, version: $version, expectedVersion: $expectedVersion) { ...FeatureFields }\n  }\n": types.RestoreDocument,
    "\n  query Changes($layer: String, $user: String, $since: DateTimeISO, $until: DateTimeISO, $first: Int!) {\n    changes(layer: $layer, user: $user, since: $since, until: $until, first: $first) {\n      featureId layerKey layerName label version operation changedAt changedBy changedByUsername geometryChanged\n      changes { field label before after }\n    }\n  }\n": types.ChangesDocument,
    "query Departments { departments { key nameJa nameEn } }": types.DepartmentsDocument,
    "mutation CreateLayer($input: LayerInput!) { createLayer(input: $input) { ...LayerFields } }": types.CreateLayerDocument,
    "mutation UpdateLayer($key: String!, $patch: LayerPatch!) { updateLayer(key: $key, patch: $patch) { ...LayerFields } }": types.UpdateLayerDocument,
    "\n  fragment ImportSummaryFields on ImportSummary { create update unchanged refused warnings refusedRows { line field code message value } }\n": types.ImportSummaryFieldsFragmentDoc,
    "query ImportPreview($id: ID!, $o: JSONObject) { importPreview(id: $id, options: $o) }": types.ImportPreviewDocument,
    "mutation ImportDryRun($id: ID!, $o: JSONObject) { importDryRun(id: $id, options: $o) { ...ImportSummaryFields } }": types.ImportDryRunDocument,
    "query ImportProgress($id: ID!) { importJob(id: $id) { progress { phase rowsRead rowsChecked rowsWritten total } } }": types.ImportProgressDocument,
    "mutation CommitImport($id: ID!, $o: JSONObject) { commitImport(id: $id, options: $o) { ...ImportSummaryFields } }": types.CommitImportDocument,
    "mutation CancelImport($id: ID!) { cancelImport(id: $id) }": types.CancelImportDocument,
    "mutation UndoImport($id: ID!) { undoImport(id: $id) }": types.UndoImportDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($filter: AuditFilter, $first: Int, $before: ID) {\n    auditLog(filter: $filter, first: $first, before: $before) {\n      totalCount nextBefore entries { id at kind username clientAddress target layerKey rowCount details }\n    }\n  }\n"): typeof import('./graphql').AuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccessTokenFields on AccessToken { id name prefix readOnly layers createdAt expiresAt lastUsedAt lastUsedAddress revokedAt }\n"): typeof import('./graphql').AccessTokenFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccessTokens { accessTokens { ...AccessTokenFields } }"): typeof import('./graphql').AccessTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAccessToken($input: AccessTokenInput!) { createAccessToken(input: $input) { token accessToken { ...AccessTokenFields } } }\n"): typeof import('./graphql').CreateAccessTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeAccessToken($id: ID!) { revokeAccessToken(id: $id) }"): typeof import('./graphql').RevokeAccessTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Basemaps { basemaps { id nameJa nameEn kind url attribution isDefault sortOrder enabled } }\n"): typeof import('./graphql').BasemapsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateBasemap($input: BasemapInput!) { createBasemap(input: $input) { id } }"): typeof import('./graphql').CreateBasemapDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateBasemap($id: ID!, $patch: BasemapPatch!) { updateBasemap(id: $id, patch: $patch) { id } }"): typeof import('./graphql').UpdateBasemapDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteBasemap($id: ID!) { deleteBasemap(id: $id) }"): typeof import('./graphql').DeleteBasemapDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Route($routeNo: String!) {\n    route(routeNo: $routeNo) {\n      routeNo routeName roadClass certifiedOn startPoint endPoint lengthM widthMinM widthMaxM segmentCount bbox geometry\n      segments { ...FeatureFields }\n    }\n  }\n"): typeof import('./graphql').RouteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CoordinateTable($id: ID!) {\n    coordinateTable(featureId: $id) {\n      featureId recordNo srid closed perimeterM areaM2\n      points { seq name markerType x y srid lon lat sideLengthM surveyed }\n    }\n  }\n"): typeof import('./graphql').CoordinateTableDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ParseCoordinates($text: String!) {\n    parseCoordinateTable(text: $text) { points { name x y markerType } problems { line code params message } }\n  }\n"): typeof import('./graphql').ParseCoordinatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBoundaryRecord($attributes: JSONObject!, $coordinates: String!, $closed: Boolean!, $srid: Int) {\n    createBoundaryRecord(attributes: $attributes, coordinates: $coordinates, closed: $closed, srid: $srid) { ...FeatureFields }\n  }\n"): typeof import('./graphql').CreateBoundaryRecordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBoundaryPoints($id: ID!, $version: Int!, $coordinates: String!, $closed: Boolean!, $srid: Int) {\n    setBoundaryPoints(featureId: $id, expectedVersion: $version, coordinates: $coordinates, closed: $closed, srid: $srid) { ...FeatureFields }\n  }\n"): typeof import('./graphql').SetBoundaryPointsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Attachments($id: ID!) { attachments(featureId: $id) { id featureId filename contentType sizeBytes uploadedAt uploadedBy url } }\n"): typeof import('./graphql').AttachmentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteAttachment($id: ID!) { deleteAttachment(id: $id) }"): typeof import('./graphql').DeleteAttachmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Enquiry($lon: Float!, $lat: Float!, $layers: [String!]) {\n    enquiry(lon: $lon, lat: $lat, layers: $layers) {\n      lon lat town planeX planeY planeSrid\n      route { routeNo routeName roadClass widthMinM widthMaxM lengthM }\n      streetLight { ...EnquiryHit } garbagePoint { ...EnquiryHit } curveMirror { ...EnquiryHit } features { ...EnquiryHit }\n      parcel { featureId label landCategory registeredAreaM2 areaM2 geometry\n        roadFrontage { routeNo routeName roadClass widthMinM widthMaxM distanceM frontageM }\n        boundaryRecords { featureId recordNo determinedOn } }\n    }\n  }\n  fragment EnquiryHit on FeatureHit { distanceM feature { id layerKey attributes } }\n"): typeof import('./graphql').EnquiryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ClientSettings { clientSettings { attachmentMaxBytes planeSrid passwordMinLength } }"): typeof import('./graphql').ClientSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PrintSettings { printSettings { department phone note } }"): typeof import('./graphql').PrintSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FeatureFields on Feature {\n    id layerKey geometry attributes version updatedAt updatedBy lengthM areaM2 deletedAt\n  }\n"): typeof import('./graphql').FeatureFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FieldDefinitionFields on FieldDefinition {\n    key label labelEn type required options min max maxLength unit computed unique format\n    restricted { departments users }\n  }\n"): typeof import('./graphql').FieldDefinitionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LayerFields on Layer {\n    key nameJa nameEn kind basemap published publishedFields labelField geometryTypes featureCount extent style role\n    readAccess { departments users }\n    department { key nameJa nameEn }\n    fields { ...FieldDefinitionFields }\n  }\n"): typeof import('./graphql').LayerFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFields on User {\n    id username displayName role department { key nameJa nameEn } disabled grantedLayers\n  }\n"): typeof import('./graphql').UserFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me { me { ...UserFields } }"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!, $newPassword: String) {\n    login(username: $username, password: $password, newPassword: $newPassword) { user { ...UserFields } }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Logout { logout }"): typeof import('./graphql').LogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Layers {\n    layers { ...LayerFields }\n    me { editableLayers }\n  }\n"): typeof import('./graphql').LayersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Features($layer: String!, $bbox: [Float!], $area: AreaSelectionInput, $where: [AttributeFilter!], $search: String,\n                 $orderBy: FeatureOrder, $first: Int, $after: String) {\n    features(layer: $layer, bbox: $bbox, area: $area, where: $where, search: $search, orderBy: $orderBy,\n             first: $first, after: $after) {\n      totalCount\n      edges { cursor node { ...FeatureFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').FeaturesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FeaturesExtent($layer: String!, $bbox: [Float!], $area: AreaSelectionInput, $where: [AttributeFilter!]) {\n    features(layer: $layer, bbox: $bbox, area: $area, where: $where, first: 0) { totalCount extent }\n  }\n"): typeof import('./graphql').FeaturesExtentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AreaOutline($area: AreaSelectionInput!) { areaOutline(area: $area) }"): typeof import('./graphql').AreaOutlineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Feature($id: ID!) { feature(id: $id) { ...FeatureFields } }"): typeof import('./graphql').FeatureDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FeaturesAt($lon: Float!, $lat: Float!, $tolerance: Float, $layers: [String!]) {\n    featuresAt(lon: $lon, lat: $lat, tolerance: $tolerance, layers: $layers) {\n      distanceM feature { ...FeatureFields }\n    }\n  }\n"): typeof import('./graphql').FeaturesAtDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Search($text: String!, $first: Int) {\n    search(text: $text, first: $first) {\n      kind label sublabel town date layerKey featureId geometry bbox match note { code requested found }\n    }\n  }\n"): typeof import('./graphql').SearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RasterSheetFields on RasterSheet {\n    id layerKey name fileName status progress widthPx heightPx sizeBytes checksum scaleDenominator surveyDate outline problem warning version createdAt updatedAt\n    boundaryRecordId\n    placement { method transform rmsM residualsM srid controlPoints { col row x y } }\n  }\n"): typeof import('./graphql').RasterSheetFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RasterSheets($layer: String!) { rasterSheets(layer: $layer) { ...RasterSheetFields } }"): typeof import('./graphql').RasterSheetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RasterSheet($id: ID!) { rasterSheet(id: $id) { id status progress } }"): typeof import('./graphql').RasterSheetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceRasterSheet($id: ID!, $method: RasterPlacementMethod!, $transform: RasterTransform!, $controlPoints: [RasterControlPointInput!]!,\n                            $name: String, $scaleDenominator: Int, $surveyDate: String, $version: Int) {\n    placeRasterSheet(id: $id, method: $method, transform: $transform, controlPoints: $controlPoints,\n                     name: $name, scaleDenominator: $scaleDenominator, surveyDate: $surveyDate, version: $version) { ...RasterSheetFields }\n  }\n"): typeof import('./graphql').PlaceRasterSheetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteRasterSheet($id: ID!, $version: Int) { deleteRasterSheet(id: $id, version: $version) }"): typeof import('./graphql').DeleteRasterSheetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BoundaryRecordDrawings($featureId: ID!) { boundaryRecordDrawings(featureId: $featureId) { ...RasterSheetFields } }"): typeof import('./graphql').BoundaryRecordDrawingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LinkRasterSheetToBoundaryRecord($id: ID!, $featureId: ID, $version: Int) {\n    linkRasterSheetToBoundaryRecord(id: $id, featureId: $featureId, version: $version) { ...RasterSheetFields }\n  }\n"): typeof import('./graphql').LinkRasterSheetToBoundaryRecordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Users { users { ...UserFields } }"): typeof import('./graphql').UsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateUser($input: NewUserInput!) { createUser(input: $input) { ...UserFields } }"): typeof import('./graphql').CreateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateUser($username: String!, $patch: UserPatch!) { updateUser(username: $username, patch: $patch) { ...UserFields } }"): typeof import('./graphql').UpdateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResetPassword($username: String!) { resetPassword(username: $username) }"): typeof import('./graphql').ResetPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UnlockLogin($username: String!) { unlockLogin(username: $username) }"): typeof import('./graphql').UnlockLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateDepartment($input: DepartmentInput!) { createDepartment(input: $input) { key nameJa nameEn } }"): typeof import('./graphql').CreateDepartmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameDepartment($key: String!, $nameJa: String!, $nameEn: String!) { renameDepartment(key: $key, nameJa: $nameJa, nameEn: $nameEn) { key nameJa nameEn } }\n"): typeof import('./graphql').RenameDepartmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MergeDepartments($from: String!, $into: String!) { mergeDepartments(from: $from, into: $into) { key nameJa nameEn } }"): typeof import('./graphql').MergeDepartmentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SecuritySettings { securitySettings { passwordHistoryCount passwordMaxAgeDays sessionLifetimeHours passwordMinLength } }"): typeof import('./graphql').SecuritySettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSecuritySettings($patch: SecuritySettingsPatch!) {\n    updateSecuritySettings(patch: $patch) { passwordHistoryCount passwordMaxAgeDays sessionLifetimeHours passwordMinLength }\n  }\n"): typeof import('./graphql').UpdateSecuritySettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeOwnPassword($currentPassword: String!, $newPassword: String!) { changeOwnPassword(currentPassword: $currentPassword, newPassword: $newPassword) }\n"): typeof import('./graphql').ChangeOwnPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplyChanges($changes: [FeatureChangeInput!]!) { applyChanges(changes: $changes) { ...FeatureFields } }\n"): typeof import('./graphql').ApplyChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FeatureHistory($id: ID!) {\n    featureHistory(id: $id) {\n      featureId layerKey version operation changedAt changedBy changedByUsername attributes geometry geometryChanged\n      changes { field label before after }\n    }\n  }\n"): typeof import('./graphql').FeatureHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Restore($id: ID!, $version: Int!, $expectedVersion: Int) {\n    restoreFeature(id: $id, version: $version, expectedVersion: $expectedVersion) { ...FeatureFields }\n  }\n"): typeof import('./graphql').RestoreDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Changes($layer: String, $user: String, $since: DateTimeISO, $until: DateTimeISO, $first: Int!) {\n    changes(layer: $layer, user: $user, since: $since, until: $until, first: $first) {\n      featureId layerKey layerName label version operation changedAt changedBy changedByUsername geometryChanged\n      changes { field label before after }\n    }\n  }\n"): typeof import('./graphql').ChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Departments { departments { key nameJa nameEn } }"): typeof import('./graphql').DepartmentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateLayer($input: LayerInput!) { createLayer(input: $input) { ...LayerFields } }"): typeof import('./graphql').CreateLayerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateLayer($key: String!, $patch: LayerPatch!) { updateLayer(key: $key, patch: $patch) { ...LayerFields } }"): typeof import('./graphql').UpdateLayerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImportSummaryFields on ImportSummary { create update unchanged refused warnings refusedRows { line field code message value } }\n"): typeof import('./graphql').ImportSummaryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ImportPreview($id: ID!, $o: JSONObject) { importPreview(id: $id, options: $o) }"): typeof import('./graphql').ImportPreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ImportDryRun($id: ID!, $o: JSONObject) { importDryRun(id: $id, options: $o) { ...ImportSummaryFields } }"): typeof import('./graphql').ImportDryRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ImportProgress($id: ID!) { importJob(id: $id) { progress { phase rowsRead rowsChecked rowsWritten total } } }"): typeof import('./graphql').ImportProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CommitImport($id: ID!, $o: JSONObject) { commitImport(id: $id, options: $o) { ...ImportSummaryFields } }"): typeof import('./graphql').CommitImportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CancelImport($id: ID!) { cancelImport(id: $id) }"): typeof import('./graphql').CancelImportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UndoImport($id: ID!) { undoImport(id: $id) }"): typeof import('./graphql').UndoImportDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
