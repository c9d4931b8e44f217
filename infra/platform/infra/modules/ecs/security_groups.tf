resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "Internal ALB: HTTP from CloudFront VPC origins inside the VPC"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-alb" }
}

resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  security_group_id = aws_security_group.alb.id
  cidr_ipv4         = var.vpc_cidr_block
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  description       = "CloudFront VPC origin"
}

resource "aws_vpc_security_group_egress_rule" "alb_to_vpc" {
  security_group_id = aws_security_group.alb.id
  cidr_ipv4         = var.vpc_cidr_block
  ip_protocol       = "tcp"
  from_port         = 0
  to_port           = 65535
  description       = "Targets"
}

resource "aws_security_group" "portal" {
  name        = "${var.name}-portal"
  description = "Backstage portal tasks"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-portal" }
}

resource "aws_security_group" "prefect_server" {
  name        = "${var.name}-prefect-server"
  description = "Prefect server tasks"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-prefect-server" }
}

# Worker, deployer and flow-run tasks: no inbound traffic at all.
resource "aws_security_group" "prefect_tasks" {
  name        = "${var.name}-prefect-tasks"
  description = "Prefect worker, deployer and flow-run tasks"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-prefect-tasks" }
}

resource "aws_vpc_security_group_ingress_rule" "portal_from_alb" {
  security_group_id            = aws_security_group.portal.id
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = 7007
  to_port                      = 7007
  description                  = "ALB"
}

resource "aws_vpc_security_group_ingress_rule" "prefect_server_from_alb" {
  security_group_id            = aws_security_group.prefect_server.id
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = 4200
  to_port                      = 4200
  description                  = "ALB"
}

resource "aws_vpc_security_group_ingress_rule" "prefect_server_from_tasks" {
  security_group_id            = aws_security_group.prefect_server.id
  referenced_security_group_id = aws_security_group.prefect_tasks.id
  ip_protocol                  = "tcp"
  from_port                    = 4200
  to_port                      = 4200
  description                  = "Prefect worker, deployer and flow runs"
}

# Tasks call out to GitHub, CircleCI, ECR and AWS APIs through the NAT gateway.
resource "aws_vpc_security_group_egress_rule" "tasks_out" {
  for_each = {
    portal         = aws_security_group.portal.id
    prefect_server = aws_security_group.prefect_server.id
    prefect_tasks  = aws_security_group.prefect_tasks.id
  }

  security_group_id = each.value
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "Outbound"
}
