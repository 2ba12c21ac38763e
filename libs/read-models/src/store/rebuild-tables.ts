import {
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  TableNode,
  type UnknownRow,
} from 'kysely';

/** The tables a rebuild writes beside the live ones, then switches over to. */
export const REBUILT_TABLES = [
  'journeys',
  'entitlements',
  'case_index',
  'compliance_counts',
  'compliance_contributions',
] as const;
export const REBUILD_SUFFIX = '_rebuild';

class RenameTables extends OperationNodeTransformer {
  constructor(private readonly names: ReadonlyMap<string, string>) {
    super();
  }

  protected override transformTable(node: TableNode): TableNode {
    const table = super.transformTable(node);
    const renamed = this.names.get(table.table.identifier.name);
    return renamed ? TableNode.create(renamed) : table;
  }
}

/**
 * Points every query at the rebuild's tables (`journeys_rebuild`...), so the one set of read-model
 * queries writes a rebuild while the live tables keep answering.
 */
export class RebuildTablesPlugin implements KyselyPlugin {
  private readonly transformer = new RenameTables(
    new Map(REBUILT_TABLES.map((t) => [t, `${t}${REBUILD_SUFFIX}`])),
  );

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
