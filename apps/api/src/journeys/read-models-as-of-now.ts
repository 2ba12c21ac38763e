import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelQueries, ReadModels } from '@vj/read-models';
import { READ_MODELS } from '@vj/nest-edge';
import { EmbeddedProjections } from './embedded-projections';

/**
 * The read side's way in: the read-model queries as of now, never the store nor its database.
 * Embedded mode first projects every event appended so far and judges every deadline ended by now
 * (read your writes); in production the workers keep them current and this only hands them over.
 */
@Injectable()
export class ReadModelsAsOfNow {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly projections: EmbeddedProjections,
  ) {}

  async current(): Promise<ReadModelQueries> {
    await this.projections.fresh();
    return this.readModels;
  }
}
