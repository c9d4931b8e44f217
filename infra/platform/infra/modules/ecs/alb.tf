# One internal ALB behind both CloudFront distributions (VPC origins): nothing
# here is reachable from the internet except through CloudFront. Each
# distribution names its surface in a header; the listener routes on it.
resource "aws_lb" "this" {
  name                       = var.name
  internal                   = true
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.alb.id]
  subnets                    = var.private_subnet_ids
  drop_invalid_header_fields = true
  idle_timeout               = 120
}

resource "aws_lb_target_group" "portal" {
  # A prefix, not a fixed name: a change that replaces the target group (port,
  # protocol) creates the new one before the old one goes, which a fixed name
  # would forbid.
  name_prefix          = "portl-"
  port                 = 7007
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = "/.backstage/health/v1/readiness"
    matcher             = "200"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_target_group" "prefect" {
  # A prefix, not a fixed name: a change that replaces the target group (port,
  # protocol) creates the new one before the old one goes, which a fixed name
  # would forbid.
  name_prefix          = "prfct-"
  port                 = 4200
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = "/api/health"
    matcher             = "200"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      message_body = "Unknown surface"
      status_code  = "404"
    }
  }
}

resource "aws_lb_listener_rule" "surface" {
  for_each = {
    portal    = { priority = 10, target_group_arn = aws_lb_target_group.portal.arn }
    pipelines = { priority = 20, target_group_arn = aws_lb_target_group.prefect.arn }
  }

  listener_arn = aws_lb_listener.http.arn
  priority     = each.value.priority

  action {
    type             = "forward"
    target_group_arn = each.value.target_group_arn
  }

  condition {
    http_header {
      http_header_name = var.surface_header_name
      values           = [each.key]
    }
  }
}
