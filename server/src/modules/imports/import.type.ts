import { Field, ID, Int, ObjectType } from 'type-graphql';
import { JSONObjectScalar } from '../../scalars';

@ObjectType({ description: 'A row of the file that cannot be imported, with the reason' })
export class RefusedRow {
  @Field(() => Int, { description: 'Line of the file (CSV/Excel: row number with the header as 1; others: feature number)' }) line!: number;
  @Field(() => String, { nullable: true }) field!: string | null;
  @Field({ description: 'A ProblemCode of the edit path, or geometry, geometryType, outside, coordinates, noGeometry, unplaced, duplicateKey' }) code!: string;
  @Field({ description: 'English, for scripts' }) message!: string;
  @Field(() => String, { nullable: true }) value?: string;
}

@ObjectType({ description: 'What an import does (dry run) or did (commit)' })
export class ImportSummary {
  @Field(() => Int) create!: number;
  @Field(() => Int) update!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int, { description: 'Rows refused (each listed in refusedRows with its reasons)' }) refused!: number;
  @Field(() => [RefusedRow]) refusedRows!: RefusedRow[];
  @Field(() => [String]) warnings!: string[];
  @Field() geometryFrom!: string;
  @Field(() => JSONObjectScalar, { description: 'Column → field key used' }) mapping!: Record<string, string>;
}

@ObjectType()
export class ImportProgress {
  @Field({ description: 'reading, checking, writing, done, failed or cancelled' }) phase!: string;
  @Field(() => Int) rowsRead!: number;
  @Field(() => Int) rowsChecked!: number;
  @Field(() => Int) rowsWritten!: number;
  @Field(() => Int) total!: number;
}

@ObjectType({ description: 'An import of a file: uploaded, committed (one batch of edits) or undone' })
export class ImportJob {
  @Field(() => ID) id!: string;
  @Field() filename!: string;
  @Field({ description: 'uploaded, committed or undone' }) status!: string;
  @Field(() => String, { nullable: true }) layerKey!: string | null;
  @Field(() => ImportSummary, { nullable: true, description: 'Of the last dry run, or of the commit' }) summary!: ImportSummary | null;
  @Field(() => ImportProgress, { nullable: true }) progress!: ImportProgress | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) committedAt!: Date | null;
  @Field(() => Date, { nullable: true }) undoneAt!: Date | null;
}
