import {
  checkProviderSchema,
  schemaProviderVersion,
  typeSchema,
} from './schema';
import { editFile, replaceOnce, repository } from './testUtils';

const MODULES = 'infra/platform/infra/modules';

describe('the AWS provider schema (@cdktf/provider-aws)', () => {
  it('reads arguments, nested blocks and required ones from the package', () => {
    const service = typeSchema('resource', 'aws_ecs_service')!;
    expect(service.attributes.get('name')).toEqual({ required: true });
    expect(service.attributes.get('desired_count')).toEqual({
      required: false,
    });
    const network = service.blocks.get('network_configuration')!;
    expect(network.schema.attributes.get('subnets')).toEqual({
      required: true,
    });
    expect(
      typeSchema('data', 'aws_ecr_image')!.attributes.get('repository_name'),
    ).toEqual({ required: true });
    expect(typeSchema('resource', 'aws_ecs_servce')).toBeUndefined();
    expect(schemaProviderVersion()).toMatch(/^6\.\d+\.\d+$/);
  });

  it('accepts every resource and data block of the repository', async () => {
    const repo = await repository();
    expect(checkProviderSchema(repo.modules)).toEqual([]);
  });

  it('reports an unknown argument, a missing required one and an unknown nested argument', async () => {
    const repo = await repository();
    const broken = await editFile(
      repo.modules,
      `${MODULES}/ecs/portal.tf`,
      text =>
        replaceOnce(
          '  family                   = "${var.name}-portal"\n',
          '',
        )(
          replaceOnce(
            'desired_count                     = var.portal_desired_count',
            'desired_cont                      = var.portal_desired_count',
          )(
            replaceOnce(
              'assign_public_ip = false',
              'assign_public_ips = false',
            )(text),
          ),
        ),
    );
    expect(checkProviderSchema(broken).sort()).toEqual(
      [
        `${MODULES}/ecs/portal.tf: aws_ecs_task_definition.portal: missing required argument "family"`,
        `${MODULES}/ecs/portal.tf: aws_ecs_service.portal: unknown argument "desired_cont"`,
        `${MODULES}/ecs/portal.tf: aws_ecs_service.portal.network_configuration[0]: unknown argument "assign_public_ips"`,
      ].sort(),
    );
  });

  it('reports an unknown type and checks dynamic blocks and data sources in check blocks', async () => {
    const repo = await repository();
    const s3 = await editFile(repo.modules, `${MODULES}/s3/main.tf`, text =>
      replaceOnce(
        'noncurrent_version_expiration {\n        noncurrent_days',
        'noncurrent_version_expiration {\n        noncurrent_dayz',
      )(
        replaceOnce(
          'resource "aws_s3_bucket_versioning" "critical"',
          'resource "aws_s3_bucket_versionning" "critical"',
        )(text),
      ),
    );
    const park = await editFile(
      s3,
      'infra/platform/infra/envs/prod/park.tf',
      replaceOnce(
        '    name = "/rocket-club/prod/parked"\n  }\n\n  assert',
        '    nam = "/rocket-club/prod/parked"\n  }\n\n  assert',
      ),
    );
    expect(checkProviderSchema(park).sort()).toEqual(
      [
        'infra/platform/infra/envs/prod/park.tf: data.aws_ssm_parameter.parked: unknown argument "nam"',
        'infra/platform/infra/envs/prod/park.tf: data.aws_ssm_parameter.parked: missing required argument "name"',
        `${MODULES}/s3/main.tf: aws_s3_bucket_versionning is not a resource type of the AWS provider`,
        `${MODULES}/s3/main.tf: aws_s3_bucket_lifecycle_configuration.this.rule.noncurrent_version_expiration[0]: unknown argument "noncurrent_dayz"`,
        `${MODULES}/s3/main.tf: aws_s3_bucket_lifecycle_configuration.this.rule.noncurrent_version_expiration[0]: missing required argument "noncurrent_days"`,
      ].sort(),
    );
  });

  it('pins the provider to exactly the version the schema comes from, in both roots', async () => {
    const repo = await repository();
    const version = schemaProviderVersion();
    for (const root of [repo.terraformRoot, repo.bootstrapRoot]) {
      const versions = root.files.find(f => f.path.endsWith('/versions.tf'))!;
      expect(versions.body.terraform[0].required_providers[0].aws.version).toBe(
        version,
      );
    }
  });
});
