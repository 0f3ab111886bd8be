import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { AttachmentInfo } from './attachment.service';
import { Attachment } from './attachment.type';
import { actorOf } from '../audit/audit.service';

const withUrl = (a: AttachmentInfo): Attachment => ({ ...a, url: `/api/attachments/${a.id}` });

@Resolver()
export class AttachmentResolver {
  @Query(() => [Attachment], { description: 'Files attached to a feature (upload: POST /api/features/{id}/attachments?filename=…)' })
  async attachments(@Arg('featureId', () => ID) featureId: string, @Ctx() ctx: Context): Promise<Attachment[]> {
    return (await ctx.services.attachments.list(ctx.user, await ctx.layers.all(), featureId)).map(withUrl);
  }

  @Mutation(() => Boolean, { description: 'Removes an attachment (editors of the feature\'s layer)' })
  async deleteAttachment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    await ctx.services.attachments.remove(ctx.user, await ctx.layers.all(), id, actorOf(ctx));
    return true;
  }
}
