// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IArbitratorRegistry} from "../../contracts/interfaces/IArbitratorRegistry.sol";
import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {FeeOnTransferToken, LyingToken} from "./mocks/AdversarialTokens.sol";
import {EscrowTest} from "./utils/EscrowTest.sol";

/// @notice postDirectHire: what it stores, takes and emits, and every way it refuses.
contract PostDirectHireTest is EscrowTest {
    function test_postDirectHire_erc20_escrowsPriceAndStoresJob() public {
        Tender.DirectHire memory hire = hireOf(address(usd));
        uint256 buyerBefore = usd.balanceOf(buyer);

        vm.expectEmit(address(escrow));
        emit ITenderEscrow.DirectHirePosted(1, buyer, supplier, hire, uint40(START + DELIVERY), termsId, FEE_BPS);
        uint256 jobId = post(hire);

        assertEq(jobId, 1, "first id");
        assertEq(escrow.lastJobId(), 1, "lastJobId");
        assertEq(usd.balanceOf(address(escrow)), PRICE, "escrow holds the price");
        assertEq(usd.balanceOf(buyer), buyerBefore - PRICE, "buyer paid the price");
        Tender.Job memory job = escrow.job(jobId);
        assertEq(job.buyer, buyer, "buyer");
        assertEq(job.supplier, supplier, "supplier");
        assertEq(job.token, address(usd), "token");
        assertEq(job.price, PRICE, "price");
        assertEq(uint256(job.status), uint256(Tender.Status.Awarded), "starts Awarded");
        assertEq(job.deadline, START + DELIVERY, "deliver-by");
        assertEq(job.reviewWindow, REVIEW, "review window");
        assertEq(job.deliveryWindow, DELIVERY, "delivery window");
        assertEq(job.termsId, termsId, "terms");
        assertEq(job.protocolFeeBps, FEE_BPS, "fee");
        assertEq(job.defaultBuyerShareBps, 5_000, "default split");
        assertEq(job.flags, Tender.FLAG_DIRECT, "direct, no holdback");
        assertEq(job.specHash, keccak256(bytes(SPEC)), "spec hash");
        assertEq(escrow.buyerRecord(buyer).posted, 1, "buyer posted");
    }

    function test_postDirectHire_eth_escrowsValue() public {
        uint256 before = buyer.balance;
        uint256 jobId = post(ETH);
        assertEq(address(escrow).balance, PRICE, "escrow holds the price");
        assertEq(buyer.balance, before - PRICE, "buyer paid");
        assertEq(escrow.job(jobId).token, ETH, "token");
        assertEq(post(ETH), 2, "ids increase");
    }

    function test_postDirectHire_acceptsBounds() public {
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.deliveryWindow = MIN_WINDOW;
        hire.reviewWindow = MAX_WINDOW;
        hire.defaultBuyerShareBps = 5_000;
        hire.spec = string(new bytes(8_192));
        post(hire);
        hire.deliveryWindow = MAX_WINDOW;
        hire.reviewWindow = MIN_WINDOW;
        hire.defaultBuyerShareBps = 0;
        hire.price = 1;
        post(hire);
    }

    function test_postDirectHire_failsWhenPaused() public {
        vm.prank(owner);
        escrow.setPostingPaused(true);
        vm.expectRevert(ITenderEscrow.PostingPaused.selector);
        post(ETH);
    }

    function test_postDirectHire_failsForZeroSupplier() public {
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.supplier = address(0);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidSupplier.selector, address(0)));
        post(hire);
    }

    function test_postDirectHire_failsForSelfHire() public {
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.supplier = buyer;
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidSupplier.selector, buyer));
        post(hire);
    }

    function test_postDirectHire_failsForZeroPrice() public {
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.price = 0;
        vm.expectRevert(ITenderEscrow.ZeroPrice.selector);
        post(hire);
    }

    function test_postDirectHire_failsForDeliveryWindowOutOfRange() public {
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.deliveryWindow = MIN_WINDOW - 1;
        vm.expectRevert(
            abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, MIN_WINDOW - 1, MIN_WINDOW, MAX_WINDOW)
        );
        post(hire);
        hire.deliveryWindow = MAX_WINDOW + 1;
        vm.expectRevert(
            abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, MAX_WINDOW + 1, MIN_WINDOW, MAX_WINDOW)
        );
        post(hire);
    }

    function test_postDirectHire_failsForReviewWindowOutOfRange() public {
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.reviewWindow = MIN_WINDOW - 1;
        vm.expectRevert(
            abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, MIN_WINDOW - 1, MIN_WINDOW, MAX_WINDOW)
        );
        post(hire);
        hire.reviewWindow = MAX_WINDOW + 1;
        vm.expectRevert(
            abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, MAX_WINDOW + 1, MIN_WINDOW, MAX_WINDOW)
        );
        post(hire);
    }

    function test_postDirectHire_failsForDefaultSplitAboveHalf() public {
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.defaultBuyerShareBps = 5_001;
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DefaultSplitTooHigh.selector, uint16(5_001)));
        post(hire);
    }

    function test_postDirectHire_failsForEmptySpec() public {
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.spec = "";
        vm.expectRevert(ITenderEscrow.EmptySpec.selector);
        post(hire);
    }

    function test_postDirectHire_failsForSpecOver8KiB() public {
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.spec = string(new bytes(8_193));
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.SpecTooLarge.selector, 8_193, 8_192));
        post(hire);
    }

    function test_postDirectHire_failsForUnregisteredArbitrator() public {
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.arbitrator = stranger;
        vm.expectRevert(abi.encodeWithSelector(IArbitratorRegistry.ArbitratorNotActive.selector, stranger));
        post(hire);
    }

    function test_postDirectHire_failsForRetiredArbitrator() public {
        vm.prank(arbitrator);
        escrow.retireArbitrator();
        vm.expectRevert(abi.encodeWithSelector(IArbitratorRegistry.ArbitratorNotActive.selector, arbitrator));
        post(ETH);
    }

    function test_postDirectHire_failsWhenArbitratorIsBuyerOrSupplier() public {
        vm.prank(buyer);
        escrow.registerArbitrator(100, 1 days, "ipfs://self");
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.arbitrator = buyer;
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.ArbitratorIsParty.selector, buyer));
        post(hire);

        vm.prank(supplier);
        escrow.registerArbitrator(100, 1 days, "ipfs://self");
        hire.arbitrator = supplier;
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.ArbitratorIsParty.selector, supplier));
        post(hire);
    }

    function test_postDirectHire_failsForWrongEthValue() public {
        Tender.DirectHire memory hire = hireOf(ETH);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WrongEthValue.selector, PRICE - 1, PRICE));
        escrow.postDirectHire{value: PRICE - 1}(hire);
    }

    function test_postDirectHire_failsForEthSentWithErc20Job() public {
        Tender.DirectHire memory hire = hireOf(address(usd));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WrongEthValue.selector, 1, 0));
        escrow.postDirectHire{value: 1}(hire);
    }

    function test_postDirectHire_failsForTokenNotListed() public {
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.TokenNotAllowed.selector, stranger));
        post(stranger);
        MockERC20 other = new MockERC20("Other", "OTH", 18);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.TokenNotAllowed.selector, address(other)));
        post(address(other));
    }

    function test_postDirectHire_failsForTokenDelisted() public {
        post(address(usd));
        vm.prank(owner);
        escrow.setTokenAllowed(address(usd), false);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.TokenNotAllowed.selector, address(usd)));
        post(address(usd));
    }

    function test_postDirectHire_failsForTermsChangedBeforeMined() public {
        Tender.DirectHire memory hire = hireOf(address(usd));
        vm.prank(arbitrator);
        uint32 raised = escrow.updateArbitratorTerms(1_000, 365 days, "ipfs://raised");
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.ArbitratorTermsChanged.selector, arbitrator, termsId, raised));
        post(hire);
        hire.arbitratorTermsId = raised;
        assertEq(escrow.job(post(hire)).termsId, raised, "posted on the terms it pinned");
    }

    function test_postDirectHire_failsWithoutAllowance() public {
        vm.prank(buyer);
        usd.approve(address(escrow), PRICE - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), PRICE - 1, PRICE
            )
        );
        post(address(usd));
    }

    function test_postDirectHire_refusesFeeOnTransferToken() public {
        FeeOnTransferToken fot = new FeeOnTransferToken();
        allowToken(address(fot));
        fot.mint(buyer, PRICE);
        vm.prank(buyer);
        fot.approve(address(escrow), PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(ITenderEscrow.TokenAmountMismatch.selector, address(fot), PRICE, PRICE - PRICE / 100)
        );
        post(address(fot));
        assertEq(fot.balanceOf(buyer), PRICE, "buyer kept everything");
        assertEq(fot.balanceOf(address(escrow)), 0, "escrow took nothing");
    }

    function test_postDirectHire_refusesTokenThatMovesNothing() public {
        LyingToken liar = new LyingToken();
        allowToken(address(liar));
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.TokenAmountMismatch.selector, address(liar), PRICE, 0));
        post(address(liar));
        assertEq(escrow.lastJobId(), 0, "no job");
    }

    function test_mockStablecoin_hasSixDecimals() public view {
        assertEq(usd.decimals(), 6, "decimals");
    }
}
