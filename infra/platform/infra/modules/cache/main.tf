# ElastiCache for Valkey: the portal's shared cache (backend.cache in
# app-config.production.yaml), so that several portal instances read ECR and
# GitHub once per TTL in total. It holds nothing that cannot be read again:
# no snapshots, no prevent_destroy, and parking leaves it alone (it cannot be
# stopped, and it is small).
#
# Authentication is RBAC with one user for the portal. Terraform creates that
# user without a password (IAM authentication, which no principal is allowed
# to use: it is locked), and the operator sets the password once with
# `aws elasticache modify-user`, the same value as the secret the portal's
# task reads (infra/README.md, "First apply" step 8). So, as for the database
# users, Terraform never sees the password and it is never in the state, which
# the plan role (trusted by every branch) can read.
locals {
  port = 6379

  # What Backstage's redis store (@keyv/redis) sends: GET, SET, MGET, DEL,
  # UNLINK, EXISTS, SCAN, MULTI/EXEC and the connection handshake. Nothing
  # of @dangerous (FLUSHALL, FLUSHDB, KEYS, CONFIG, DEBUG, MONITOR...).
  portal_access_string = "on ~* -@all +@read +@write +@keyspace +@connection +@transaction -@dangerous"
}

resource "aws_elasticache_subnet_group" "this" {
  name        = var.name
  description = "Private subnets of the portal cache"
  subnet_ids  = var.subnet_ids
}

resource "aws_security_group" "this" {
  name        = "${var.name}-cache"
  description = "Portal cache (Valkey): reachable only from the portal tasks"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-cache" }
}

# The one way in. No egress rule: Terraform removes the default allow-all
# egress of a new security group, and the cache calls nothing.
resource "aws_vpc_security_group_ingress_rule" "portal" {
  security_group_id            = aws_security_group.this.id
  referenced_security_group_id = var.portal_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  description                  = "Valkey from the portal tasks"
}

# A cache: when memory is full, evict the least recently used key of any
# kind instead of refusing writes.
resource "aws_elasticache_parameter_group" "this" {
  name        = "${var.name}-cache"
  family      = var.parameter_group_family
  description = "Portal cache: allkeys-lru"

  parameter {
    name  = "maxmemory-policy"
    value = "allkeys-lru"
  }
}

# Every user group needs a user named "default", and a connection that does
# not authenticate is that user: this one is switched off.
resource "aws_elasticache_user" "default" {
  user_id       = "${var.name}-default"
  user_name     = "default"
  engine        = "redis"
  access_string = "off -@all"

  authentication_mode {
    type = "no-password-required"
  }
}

resource "aws_elasticache_user" "portal" {
  # IAM authentication requires the id to be the name.
  user_id       = "${var.name}-portal"
  user_name     = "${var.name}-portal"
  engine        = "redis"
  access_string = local.portal_access_string

  # Created locked; the operator sets the password (see the top of this
  # file), and Terraform must not switch it back.
  authentication_mode {
    type = "iam"
  }

  lifecycle {
    ignore_changes = [authentication_mode]
  }
}

# The "redis" engine: the user group kind ElastiCache accepts on both Valkey
# and Redis OSS caches, with users of either engine.
resource "aws_elasticache_user_group" "this" {
  user_group_id = "${var.name}-cache"
  engine        = "redis"
  user_ids      = [aws_elasticache_user.default.user_id, aws_elasticache_user.portal.user_id]
}

resource "aws_cloudwatch_log_group" "engine" {
  name              = "/elasticache/${var.name}-cache/engine"
  retention_in_days = var.log_retention_days
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id = "${var.name}-cache"
  description          = "Shared cache of the Backstage portal"

  engine               = "valkey"
  engine_version       = var.engine_version
  node_type            = var.node_type
  num_cache_clusters   = 1 + var.replicas
  parameter_group_name = aws_elasticache_parameter_group.this.name
  port                 = local.port

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = [aws_security_group.this.id]

  # A replica in another zone only if asked for: then it also takes over.
  automatic_failover_enabled = var.replicas > 0
  multi_az_enabled           = var.replicas > 0

  user_group_ids             = [aws_elasticache_user_group.this.user_group_id]
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  at_rest_encryption_enabled = true

  auto_minor_version_upgrade = true
  # After Aurora's (sun:03:30-04:30), so the portal loses one at a time.
  maintenance_window = var.maintenance_window
  # It is a cache: nothing to restore.
  snapshot_retention_limit = 0

  log_delivery_configuration {
    destination      = aws_cloudwatch_log_group.engine.name
    destination_type = "cloudwatch-logs"
    log_format       = "json"
    log_type         = "engine-log"
  }

  lifecycle {
    # Minor versions are ElastiCache's (auto_minor_version_upgrade), as for
    # Aurora: a plan must not try to downgrade them afterwards.
    ignore_changes = [engine_version]
  }
}
