# Two public surfaces, portal and pipelines (Prefect), each a CloudFront
# distribution in front of the same internal ALB through a VPC origin. Nothing
# is cached: both surfaces are dynamic applications.
data "aws_cloudfront_cache_policy" "disabled" {
  name = "Managed-CachingDisabled"
}

data "aws_cloudfront_origin_request_policy" "all_viewer" {
  name = "Managed-AllViewerExceptHostHeader"
}

data "aws_cloudfront_response_headers_policy" "security" {
  name = "Managed-SecurityHeadersPolicy"
}

resource "aws_cloudfront_vpc_origin" "alb" {
  vpc_origin_endpoint_config {
    name                   = "${var.name}-alb"
    arn                    = var.alb_arn
    http_port              = 80
    https_port             = 443
    origin_protocol_policy = "http-only"

    origin_ssl_protocols {
      items    = ["TLSv1.2"]
      quantity = 1
    }
  }
}

locals {
  surfaces = {
    portal    = var.portal_domain_name
    pipelines = var.pipelines_domain_name
  }
}

resource "aws_cloudfront_distribution" "this" {
  for_each = local.surfaces

  enabled         = true
  comment         = "${var.name} ${each.key}"
  is_ipv6_enabled = true
  http_version    = "http2and3"
  price_class     = "PriceClass_100"
  aliases         = each.value == null ? [] : [each.value]

  origin {
    origin_id   = "alb"
    domain_name = var.alb_dns_name

    vpc_origin_config {
      vpc_origin_id            = aws_cloudfront_vpc_origin.alb.id
      origin_keepalive_timeout = 5
      origin_read_timeout      = 60
    }

    custom_header {
      name  = var.surface_header_name
      value = each.key
    }
  }

  default_cache_behavior {
    target_origin_id           = "alb"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.disabled.id
    origin_request_policy_id   = data.aws_cloudfront_origin_request_policy.all_viewer.id
    response_headers_policy_id = data.aws_cloudfront_response_headers_policy.security.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = each.value == null
    acm_certificate_arn            = each.value == null ? null : var.certificate_arn
    ssl_support_method             = each.value == null ? null : "sni-only"
    minimum_protocol_version       = each.value == null ? "TLSv1" : "TLSv1.2_2021"
  }

  lifecycle {
    precondition {
      condition     = each.value == null || var.certificate_arn != null
      error_message = "The ${each.key} surface has a custom domain (${coalesce(each.value, "-")}) but no certificate_arn."
    }
  }
}
