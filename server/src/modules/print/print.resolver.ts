import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';

@ObjectType({ description: 'Footer of printed sheets (configured per installation)' })
export class PrintSettings {
  @Field() department!: string;
  @Field() phone!: string;
  @Field() note!: string;
}

@Resolver()
export class PrintResolver {
  @Query(() => PrintSettings)
  printSettings(@Ctx() ctx: Context): PrintSettings {
    return ctx.services.config.printFooter;
  }
}
